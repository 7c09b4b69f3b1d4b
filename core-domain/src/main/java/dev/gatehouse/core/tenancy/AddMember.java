package dev.gatehouse.core.tenancy;

import dev.gatehouse.core.platform.Platform;
import dev.gatehouse.core.identity.Users;
import dev.gatehouse.core.shared.Quota;
import dev.gatehouse.core.identity.Email;
import dev.gatehouse.core.identity.User;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.MembershipId;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Result;
import dev.gatehouse.core.shared.UserId;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Adds an existing user (by id or by email) with a built-in role. Needs {@code members_write};
 * adding an owner also {@code owners_write} ({@link OwnerRolePolicy}); nobody adds themself
 * ({@link SelfPromotionPolicy}). The new member takes a {@code members} seat of the plan (403
 * {@code feature_limit_reached} when none is left).
 */
public final class AddMember {

    /** Exactly one of {@code userId} (text, {@code usr_…}) and {@code email}. */
    public record Command(Caller caller, OrganizationId organization, String userId, String email, String role) {
    }

    private final Memberships memberships;
    private final Users users;
    private final OrganizationGuard guard;
    private final OwnerRolePolicy ownerRole;
    private final SelfPromotionPolicy selfPromotion = new SelfPromotionPolicy();
    private final MembershipGrants grants;
    private final Quota entitlements;
    private final Platform p;

    public AddMember(Memberships memberships, Users users, OrganizationGuard guard, OwnerRolePolicy ownerRole,
                     MembershipGrants grants, Quota entitlements, Platform platform) {
        this.memberships = memberships;
        this.users = users;
        this.guard = guard;
        this.ownerRole = ownerRole;
        this.grants = grants;
        this.entitlements = entitlements;
        this.p = platform;
    }

    public Result<Member> handle(Command c) {
        return p.transactions().inTransaction(() -> guard.require(c.caller(), c.organization(), "members_write")
                .flatMap(org -> add(c)));
    }

    private Result<Member> add(Command c) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        var role = Role.parse(c.role(), "role");
        if (!role.isOk()) {
            errors.putAll(role.failure().fieldErrors());
        }
        Optional<User> user = Optional.empty();
        if ((c.userId() == null) == (c.email() == null)) {
            errors.put("user_id", List.of("give either user_id or email"));
        } else if (c.userId() != null) {
            user = UserId.parse(c.userId().strip()).flatMap(users::byId);
            if (user.isEmpty()) {
                errors.put("user_id", List.of("no such user"));
            }
        } else {
            var email = Email.parse(c.email());
            if (email.isEmpty()) {
                errors.put("email", List.of("is not a valid email address"));
            } else {
                user = users.byEmail(email.get());
                if (user.isEmpty()) {
                    errors.put("email", List.of("no user has this email; invite them instead"));
                }
            }
        }
        if (!errors.isEmpty()) {
            return Result.fail(Failure.invalid(errors));
        }
        User found = user.get();
        UserId target = found.id();
        Optional<Failure> denied = selfPromotion.check(c.caller(), target, null, role.value())
                .or(() -> ownerRole.check(c.caller(), c.organization(), null, role.value()));
        if (denied.isPresent()) {
            return Result.fail(denied.get());
        }
        var now = p.clock().instant();
        Membership m = new Membership(new MembershipId(p.ids().newId()), c.organization(), target, role.value(), now, now);
        // The insert is the membership check (one statement, not a read and a write); a seat refused
        // afterwards returns a failure, which rolls the insert back.
        if (!memberships.add(m)) {
            return Result.fail(Failure.conflict("This user is already a member; change their role instead."));
        }
        var seat = entitlements.consume(c.organization(), Quota.MEMBERS, 1);
        if (seat.isPresent()) {
            return Result.fail(seat.get());
        }
        return grants.added(c.caller(), m).map(ignored -> Member.of(m, found));
    }
}
