package dev.gatehouse.core.approvals;

import dev.gatehouse.core.authorization.Authorizer;
import dev.gatehouse.core.authorization.ObjectRef;
import dev.gatehouse.core.authorization.Relationship;
import dev.gatehouse.core.authorization.RelationshipUpdate;
import dev.gatehouse.core.authorization.SubjectRef;
import dev.gatehouse.core.shared.Result;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The relationships an approved request grants. A role: {@code <resource>#<role>@user:<requester>}
 * expiring. A permission: a per-request role ({@code role:req_…} with the permission set to
 * {@code user:*}), its binding ({@code role_binding:req_…}) whose {@code subject} expires, attached to
 * the resource.
 */
public record AccessGrants(Authorizer authorizer) {
    public AccessGrants {
        Objects.requireNonNull(authorizer, "authorizer");
    }

    public static List<Relationship> relationshipsOf(AccessRequest r, Instant expiresAt) {
        SubjectRef requester = SubjectRef.of("user", r.requester().text());
        if (r.access().isRole()) {
            return List.of(Relationship.expiring(r.resource(), r.access().role(), requester, expiresAt));
        }
        ObjectRef role = new ObjectRef("role", r.id().text());
        ObjectRef binding = new ObjectRef("role_binding", r.id().text());
        List<Relationship> out = new ArrayList<>();
        out.add(Relationship.of(role, r.access().schemaPermission(), SubjectRef.wildcard("user")));
        out.add(Relationship.of(binding, "role", SubjectRef.of(role)));
        out.add(Relationship.expiring(binding, "subject", requester, expiresAt));
        out.add(Relationship.of(r.resource(), "binding", SubjectRef.of(binding)));
        return out;
    }

    /** Writes the grant of {@code r}, ending at {@code expiresAt}. */
    public Result<?> write(AccessRequest r, Instant expiresAt) {
        return authorizer.write(relationshipsOf(r, expiresAt).stream().map(RelationshipUpdate::touch).toList());
    }

    /** Deletes the grant's relationships. */
    public Result<?> withdraw(AccessRequest r, Instant expiresAt) {
        return authorizer.write(relationshipsOf(r, expiresAt).stream().map(RelationshipUpdate::delete).toList());
    }
}
