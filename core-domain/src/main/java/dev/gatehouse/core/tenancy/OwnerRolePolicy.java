package dev.gatehouse.core.tenancy;

import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Reason;

import java.util.Optional;

/**
 * Granting or revoking the owner role (adding, inviting, promoting to, demoting from or removing an
 * owner) needs {@code owners:write}, which only owners hold: an admin cannot make anyone an owner.
 */
public record OwnerRolePolicy(OrganizationGuard guard) {
    /** @param from the current role, null for none; {@code to} the new one, null for none */
    public Optional<Failure> check(Caller caller, OrganizationId organization, Role from, Role to) {
        if (from != Role.OWNER && to != Role.OWNER) {
            return Optional.empty();
        }
        return guard.check(caller, organization, "owners_write")
                .map(f -> f.reason() != Reason.FORBIDDEN ? f
                        : Failure.forbidden("Only owners grant or revoke the owner role; this needs the owners:write permission.")
                        .withDetail("required_scope", "owners:write").withDetail("rule", "owner_role"));
    }
}
