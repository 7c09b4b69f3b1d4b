package dev.gatehouse.core.roles;

import dev.gatehouse.core.authorization.ObjectRef;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.RoleAssignmentId;
import dev.gatehouse.core.shared.RoleId;
import dev.gatehouse.core.shared.UserId;
import dev.gatehouse.core.tenancy.Role;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A role given to a user on a resource of one organization ({@code organization}, {@code project} or
 * {@code environment}), optionally until {@code expiresAt}: a custom role ({@code customRole}) or a
 * built-in one ({@code builtIn}, projects and environments only), exactly one of the two.
 */
public record RoleAssignment(RoleAssignmentId id, OrganizationId organizationId, RoleId customRole, Role builtIn,
                             UserId userId, ObjectRef resource, Instant expiresAt, String createdBy, Instant createdAt) {
    public static final Set<String> RESOURCE_TYPES = Set.of("organization", "project", "environment");

    public RoleAssignment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(organizationId, "organizationId");
        if ((customRole == null) == (builtIn == null)) {
            throw new IllegalArgumentException("exactly one of customRole and builtIn");
        }
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(resource, "resource");
        if (!RESOURCE_TYPES.contains(resource.type())) {
            throw new IllegalArgumentException("bad resource type " + resource.type());
        }
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** The role's wire id: {@code role_…} or the built-in name ({@code admin}). */
    public String roleKey() {
        return customRole != null ? customRole.text() : builtIn.relation();
    }

    public boolean expiredAt(Instant now) {
        return expiresAt != null && !expiresAt.isAfter(now);
    }
}
