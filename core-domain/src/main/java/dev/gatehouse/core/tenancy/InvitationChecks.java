package dev.gatehouse.core.tenancy;

import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.InvitationId;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Result;

import java.util.Optional;

/** Loads an invitation for a change: the organization needs {@code members_write}, an owner invitation also {@code owners_write}. */
public record InvitationChecks(OrganizationGuard guard, OwnerRolePolicy ownerRole, Invitations invitations) {
    public Result<Invitation> forChange(Caller caller, OrganizationId org, InvitationId id) {
        return guard.require(caller, org, "members_write").flatMap(o -> {
            Optional<Invitation> inv = invitations.byId(org, id);
            if (inv.isEmpty()) {
                return Result.<Invitation>fail(Failure.notFound("Invitation"));
            }
            Optional<Failure> denied = ownerRole.check(caller, org, null, inv.get().role());
            return denied.<Result<Invitation>>map(Result::fail).orElseGet(() -> Result.ok(inv.get()));
        });
    }
}
