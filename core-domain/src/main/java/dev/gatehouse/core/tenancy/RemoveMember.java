package dev.gatehouse.core.tenancy;

import dev.gatehouse.core.entitlements.Feature;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Result;
import dev.gatehouse.core.shared.UserId;

import java.util.Optional;

/**
 * Removes a member ({@code members_write}); removing an owner needs {@code owners_write}, and the
 * last owner cannot be removed. The role relationship goes in the same transaction: access ends at once.
 */
public final class RemoveMember {
    private final TenancyPorts p;
    private final OwnerRolePolicy ownerRole;
    private final LastOwnerPolicy lastOwner;
    private final MemberDependents dependents;

    public RemoveMember(TenancyPorts ports) {
        this(ports, MemberDependents.NONE);
    }

    /** With {@code dependents}: what else the member held in the organization goes in the same transaction. */
    public RemoveMember(TenancyPorts ports, MemberDependents dependents) {
        this.p = ports;
        this.dependents = dependents;
        this.ownerRole = new OwnerRolePolicy(ports);
        this.lastOwner = new LastOwnerPolicy(ports.memberships());
    }

    public Result<Membership> handle(Caller caller, OrganizationId organization, UserId user) {
        return p.tx().inTransaction(() -> OrganizationAccess.require(p, caller, organization, "members_write").flatMap(org -> {
            Optional<Membership> current = p.memberships().byUser(organization, user);
            if (current.isEmpty()) {
                return Result.<Membership>fail(Failure.notFound("Member"));
            }
            Membership m = current.get();
            Optional<Failure> denied = ownerRole.check(caller, organization, m.role(), null)
                    .or(() -> lastOwner.check(m, null));
            if (denied.isPresent()) {
                return Result.<Membership>fail(denied.get());
            }
            p.memberships().remove(m);
            dependents.removed(caller, m);
            p.entitlements().release(organization, Feature.MEMBERS, 1);
            return MemberChanges.removed(p, caller, m);
        }));
    }
}
