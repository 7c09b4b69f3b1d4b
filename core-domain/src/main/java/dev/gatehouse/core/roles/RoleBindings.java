package dev.gatehouse.core.roles;

import dev.gatehouse.core.authorization.Authorizer;
import dev.gatehouse.core.authorization.ObjectRef;
import dev.gatehouse.core.authorization.PermissionCatalog;
import dev.gatehouse.core.authorization.Relationship;
import dev.gatehouse.core.authorization.RelationshipUpdate;
import dev.gatehouse.core.authorization.SubjectRef;
import dev.gatehouse.core.authorization.ConsistencyToken;
import dev.gatehouse.core.shared.Result;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Roles and assignments as relationships, and their writing to the authorizer (in the caller's
 * transaction). A role grants each of its permissions to the wildcard of users and of API keys; an
 * assignment binds a user to a role on a resource.
 */
public record RoleBindings(Authorizer authorizer) {
    public RoleBindings {
        Objects.requireNonNull(authorizer, "authorizer");
    }

    /** A role's relationships: each permission set to the wildcard of users and of API keys. */
    static List<Relationship> grantsOf(CustomRole role, Collection<String> scopes) {
        ObjectRef ref = new ObjectRef("role", role.id().text());
        List<Relationship> out = new ArrayList<>();
        for (String scope : scopes) {
            String permission = PermissionCatalog.byScope(scope).orElseThrow().permission();
            out.add(Relationship.of(ref, permission, SubjectRef.wildcard("user")));
            out.add(Relationship.of(ref, permission, SubjectRef.wildcard("api_key")));
        }
        return out;
    }

    /**
     * An assignment's relationships. A custom role: {@code role_binding:<ra_…>#role@role:<role_…>},
     * {@code #subject@user:<usr_…>} (expiring with the assignment) and {@code <resource>#binding@role_binding:<ra_…>}.
     * A built-in role: the resource's own relation, {@code project:<prj_…>#admin@user:<usr_…>} (expiring).
     */
    static List<Relationship> relationshipsOf(RoleAssignment a) {
        SubjectRef user = SubjectRef.of("user", a.userId().text());
        if (a.builtIn() != null) {
            return List.of(expiring(a.resource(), a.builtIn().relation(), user, a));
        }
        ObjectRef binding = new ObjectRef("role_binding", a.id().text());
        return List.of(Relationship.of(binding, "role", SubjectRef.of(new ObjectRef("role", a.customRole().text()))),
                expiring(binding, "subject", user, a),
                Relationship.of(a.resource(), "binding", SubjectRef.of(binding)));
    }

    private static Relationship expiring(ObjectRef resource, String relation, SubjectRef subject, RoleAssignment a) {
        return a.expiresAt() == null ? Relationship.of(resource, relation, subject)
                : Relationship.expiring(resource, relation, subject, a.expiresAt());
    }

    /** Writes the relationships (touch: idempotent). */
    public Result<ConsistencyToken> add(List<Relationship> relationships) {
        return write(relationships.stream().map(RelationshipUpdate::touch).toList());
    }

    /** Deletes the relationships. */
    public Result<ConsistencyToken> remove(List<Relationship> relationships) {
        return write(relationships.stream().map(RelationshipUpdate::delete).toList());
    }

    public Result<ConsistencyToken> write(List<RelationshipUpdate> updates) {
        return authorizer.write(updates);
    }
}
