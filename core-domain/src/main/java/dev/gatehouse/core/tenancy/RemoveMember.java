package dev.gatehouse.core.tenancy;

import dev.gatehouse.core.platform.Platform;
import dev.gatehouse.core.lifecycle.Cascade;
import dev.gatehouse.core.lifecycle.Cause;
import dev.gatehouse.core.lifecycle.Ending;
import dev.gatehouse.core.lifecycle.Scope;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Result;
import dev.gatehouse.core.shared.UserId;

import java.util.Optional;

/**
 * Removes a member ({@code members_write}); removing an owner needs {@code owners_write}, and the
 * last owner cannot be removed. In the same transaction the role relationship goes, the seat is given
 * back and the {@link Cascade} ends what the member held there (role assignments, access grants,
 * pending requests; cause {@code member_removed}): access ends at once.
 */
public record RemoveMember(Memberships memberships, OrganizationGuard guard, OwnerRolePolicy ownerRole,
                           LastOwnerPolicy lastOwner, MembershipCascade membershipEnd, Cascade cascade, Platform p) {
    public Result<Membership> handle(Caller caller, OrganizationId organization, UserId user) {
        Ending[] ending = {null};
        Result<Membership> done = p.transactions().inTransaction(() -> guard.require(caller, organization, "members_write").flatMap(org -> {
            Optional<Membership> current = memberships.byUser(organization, user);
            if (current.isEmpty()) {
                return Result.<Membership>fail(Failure.notFound("Member"));
            }
            Membership m = current.get();
            Optional<Failure> denied = ownerRole.check(caller, organization, m.role(), null)
                    .or(() -> lastOwner.check(m, null));
            if (denied.isPresent()) {
                return Result.<Membership>fail(denied.get());
            }
            ending[0] = new Ending(caller, new Scope.Member(organization, user), Cause.MEMBER_REMOVED, p.clock().instant());
            return membershipEnd.end(ending[0], m);
        }));
        if (done.isOk()) {
            cascade.settle(ending[0]);
        }
        return done;
    }
}
