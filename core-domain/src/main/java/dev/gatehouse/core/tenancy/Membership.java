package dev.gatehouse.core.tenancy;

import dev.gatehouse.core.shared.MembershipId;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.UserId;

import java.time.Instant;
import java.util.Objects;

/**
 * A user's membership in an organization with one built-in role. Kept in step with the
 * relationship {@code organization:<org>#<role>@user:<usr>}, in the same transaction.
 */
public record Membership(MembershipId id, OrganizationId organizationId, UserId userId, Role role,
                         Instant createdAt, Instant updatedAt) {
    public Membership {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    public Membership withRole(Role newRole, Instant now) {
        return new Membership(id, organizationId, userId, newRole, createdAt, now);
    }
}
