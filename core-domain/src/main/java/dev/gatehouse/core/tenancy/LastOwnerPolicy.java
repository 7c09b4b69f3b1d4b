package dev.gatehouse.core.tenancy;

import dev.gatehouse.core.shared.Failure;

import java.util.Optional;

/** An organization always keeps at least one owner: its last owner can be neither demoted nor removed. */
public record LastOwnerPolicy(Memberships memberships) {
    /** @param to the new role, null when the membership is removed */
    public Optional<Failure> check(Membership current, Role to) {
        if (current.role() != Role.OWNER || to == Role.OWNER) {
            return Optional.empty();
        }
        if (memberships.countWithRole(current.organizationId(), Role.OWNER) > 1) {
            return Optional.empty();
        }
        return Optional.of(Failure.conflict("An organization must keep at least one owner (rule: last_owner); "
                + "make someone else an owner first.").withDetail("rule", "last_owner"));
    }
}
