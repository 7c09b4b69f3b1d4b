package dev.gatehouse.core.roles;

import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.tenancy.Role;

import java.time.Instant;
import java.util.List;

/**
 * A role as the roles API shows it: a built-in one ({@code owner}, {@code admin}, {@code member},
 * {@code viewer}; no organization, read-only) or an organization's custom role.
 */
public record RoleDefinition(String id, OrganizationId organizationId, String name, String description, List<String> scopes,
                             boolean builtIn, Instant createdAt, Instant updatedAt) {
    public RoleDefinition {
        scopes = List.copyOf(scopes);
    }

    static RoleDefinition of(CustomRole r) {
        return new RoleDefinition(r.id().text(), r.organizationId(), r.name(), r.description(), r.scopes(), false,
                r.createdAt(), r.updatedAt());
    }

    static RoleDefinition of(Role r) {
        return new RoleDefinition(r.relation(), null, r.relation(), BuiltInRoles.description(r), BuiltInRoles.scopes(r), true,
                null, null);
    }
}
