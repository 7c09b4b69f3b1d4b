package dev.gatehouse.core.tenancy;

import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Result;
import dev.gatehouse.core.shared.UserId;

import java.util.Optional;

/**
 * Changes a member's built-in role ({@code members_write}). Granting or revoking owner needs
 * {@code owners_write}; nobody raises their own role; the last owner cannot be demoted.
 */
public final class ChangeMemberRole {

    public record Command(Caller caller, OrganizationId organization, UserId user, String role) {
    }

    private final TenancyPorts p;
    private final OwnerRolePolicy ownerRole;
    private final SelfPromotionPolicy selfPromotion = new SelfPromotionPolicy();
    private final LastOwnerPolicy lastOwner;

    public ChangeMemberRole(TenancyPorts ports) {
        this.p = ports;
        this.ownerRole = new OwnerRolePolicy(ports);
        this.lastOwner = new LastOwnerPolicy(ports.memberships());
    }

    public Result<Member> handle(Command c) {
        return p.tx().inTransaction(() -> OrganizationAccess.require(p, c.caller(), c.organization(), "members_write")
                .flatMap(org -> change(c)));
    }

    private Result<Member> change(Command c) {
        Optional<Membership> current = p.memberships().byUser(c.organization(), c.user());
        if (current.isEmpty()) {
            return Result.fail(Failure.notFound("Member"));
        }
        var role = Role.parse(c.role(), "role");
        if (!role.isOk()) {
            return Result.fail(role.failure());
        }
        Membership before = current.get();
        if (before.role() == role.value()) {
            return Result.ok(Member.load(p, before));
        }
        Optional<Failure> denied = selfPromotion.check(c.caller(), c.user(), before.role(), role.value())
                .or(() -> ownerRole.check(c.caller(), c.organization(), before.role(), role.value()))
                .or(() -> lastOwner.check(before, role.value()));
        if (denied.isPresent()) {
            return Result.fail(denied.get());
        }
        Membership after = before.withRole(role.value(), p.clock().instant());
        p.memberships().update(after);
        return MemberChanges.roleChanged(p, c.caller(), before, after).map(m -> Member.load(p, m));
    }
}
