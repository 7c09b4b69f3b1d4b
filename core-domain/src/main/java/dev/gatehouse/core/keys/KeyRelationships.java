package dev.gatehouse.core.keys;

import dev.gatehouse.core.authorization.ObjectRef;
import dev.gatehouse.core.authorization.PermissionCatalog;
import dev.gatehouse.core.authorization.Relationship;
import dev.gatehouse.core.authorization.RelationshipUpdate;
import dev.gatehouse.core.authorization.SubjectRef;

import java.util.ArrayList;
import java.util.List;

/**
 * A key's place in the authorization model: the per-key role ({@code role:key_…} with each scope's
 * permission set to {@code api_key:*}), the binding giving it to the key, and the binding's attachment
 * to the key's owner ({@link KeyOwners#owner}).
 */
public final class KeyRelationships {
    private KeyRelationships() {
    }

    public static List<Relationship> of(ApiKey k) {
        ObjectRef role = new ObjectRef("role", k.id().text());
        ObjectRef binding = new ObjectRef("role_binding", k.id().text());
        List<Relationship> out = new ArrayList<>();
        for (String scope : k.scopes()) {
            String permission = PermissionCatalog.byScope(scope).orElseThrow().permission();
            out.add(Relationship.of(role, permission, SubjectRef.wildcard("api_key")));
        }
        out.add(Relationship.of(binding, "role", SubjectRef.of(role)));
        out.add(Relationship.of(binding, "subject", SubjectRef.of("api_key", k.id().text())));
        out.add(Relationship.of(KeyOwners.owner(k), "binding", SubjectRef.of(binding)));
        return out;
    }

    public static List<RelationshipUpdate> grants(ApiKey k) {
        return of(k).stream().map(RelationshipUpdate::touch).toList();
    }

    public static List<RelationshipUpdate> withdrawals(ApiKey k) {
        return of(k).stream().map(RelationshipUpdate::delete).toList();
    }
}
