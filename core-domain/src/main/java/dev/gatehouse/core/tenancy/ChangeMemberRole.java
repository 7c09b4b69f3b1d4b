package dev.gatehouse.core.tenancy;

import dev.gatehouse.core.platform.Platform;
import dev.gatehouse.core.identity.Users;
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

    private final Memberships memberships;
    private final Users users;
    private final OrganizationGuard guard;
    private final OwnerRolePolicy ownerRole;
    private final SelfPromotionPolicy selfPromotion = new SelfPromotionPolicy();
    private final LastOwnerPolicy lastOwner;
    private final MembershipGrants grants;
    private final Platform p;

    public ChangeMemberRole(Memberships memberships, Users users, OrganizationGuard guard, OwnerRolePolicy ownerRole,
                            LastOwnerPolicy lastOwner, MembershipGrants grants, Platform platform) {
        this.memberships = memberships;
        this.users = users;
        this.guard = guard;
        this.ownerRole = ownerRole;
        this.lastOwner = lastOwner;
        this.grants = grants;
        this.p = platform;
    }

    public Result<Member> handle(Command c) {
        return p.transactions().inTransaction(() -> guard.require(c.caller(), c.organization(), "members_write")
                .flatMap(org -> change(c)));
    }

    private Result<Member> change(Command c) {
        Optional<Membership> current = memberships.byUser(c.organization(), c.user());
        if (current.isEmpty()) {
            return Result.fail(Failure.notFound("Member"));
        }
        var role = Role.parse(c.role(), "role");
        if (!role.isOk()) {
            return Result.fail(role.failure());
        }
        Membership before = current.get();
        if (before.role() == role.value()) {
            return Result.ok(Member.load(users, before));
        }
        Optional<Failure> denied = selfPromotion.check(c.caller(), c.user(), before.role(), role.value())
                .or(() -> ownerRole.check(c.caller(), c.organization(), before.role(), role.value()))
                .or(() -> lastOwner.check(before, role.value()));
        if (denied.isPresent()) {
            return Result.fail(denied.get());
        }
        Membership after = before.withRole(role.value(), p.clock().instant());
        memberships.update(after);
        return grants.roleChanged(c.caller(), before, after).map(m -> Member.load(users, m));
    }
}
