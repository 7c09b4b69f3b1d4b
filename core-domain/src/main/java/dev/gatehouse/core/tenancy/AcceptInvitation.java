package dev.gatehouse.core.tenancy;

import dev.gatehouse.core.platform.Platform;
import dev.gatehouse.core.identity.Users;
import dev.gatehouse.core.shared.Quota;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.MembershipId;
import dev.gatehouse.core.shared.Principal;
import dev.gatehouse.core.shared.Reason;
import dev.gatehouse.core.shared.Result;

import java.util.Map;
import java.util.Optional;

/**
 * The signed-in user whose email is the invited one (ignoring case) accepts an invitation by its
 * token and becomes a member with the invited role. An unknown token is not found; an expired,
 * revoked or used one is an invalid state naming which; another user's invitation is forbidden.
 * The new member takes a {@code members} seat (403 {@code feature_limit_reached} when none is left;
 * the invitation stays pending).
 */
public record AcceptInvitation(Invitations invitations, Organizations organizations, Memberships memberships,
                               Users users, MembershipGrants grants, Quota entitlements, Platform p) {
    public Result<Member> handle(Caller caller, String token) {
        if (!(caller.principal() instanceof Principal.User user)) {
            return Result.fail(Failure.of(Reason.UNAUTHENTICATED, "Sign in as the invited user to accept an invitation."));
        }
        if (!InvitationToken.plausible(token)) {
            return Result.fail(Failure.notFound("Invitation"));
        }
        return p.transactions().inTransaction(() -> acceptInside(caller, user, token));
    }

    /** The acceptance, inside the caller's transaction (also a sign-up's, which just created {@code user}). */
    Result<Member> acceptInside(Caller caller, Principal.User user, String token) {
        Optional<Invitation> found = invitations.byTokenHash(InvitationToken.hash(token));
        if (found.isEmpty() || organizations.byId(found.get().organizationId()).isEmpty()) {
            return Result.<Member>fail(Failure.notFound("Invitation"));
        }
        Invitation inv = found.get();
        if (!inv.email().value().equalsIgnoreCase(user.email())) {
            return Result.<Member>fail(Failure.forbidden("This invitation was sent to another email address."));
        }
        var now = p.clock().instant();
        var accepted = inv.accept(user.userId(), now);
        if (!accepted.isOk()) {
            return Result.<Member>fail(accepted.failure());
        }
        if (memberships.byUser(inv.organizationId(), user.userId()).isPresent()) {
            return Result.<Member>fail(Failure.conflict("You are already a member of this organization."));
        }
        var seat = entitlements.consume(inv.organizationId(), Quota.MEMBERS, 1);
        if (seat.isPresent()) {
            return Result.<Member>fail(seat.get());
        }
        Membership m = new Membership(new MembershipId(p.ids().newId()), inv.organizationId(), user.userId(), inv.role(), now, now);
        if (!memberships.add(m)) {
            return Result.<Member>fail(Failure.conflict("You are already a member of this organization."));
        }
        invitations.update(accepted.value());
        p.auditor().record(caller, "invitation.accepted", "invitation", inv.id(), inv.organizationId(),
                Map.of("email", inv.email().value(), "status", Map.of("before", "pending", "after", "accepted")));
        p.events().record(new dev.gatehouse.core.events.TenancyEvent.InvitationAccepted(inv.organizationId(), InvitationEvents.data(accepted.value())));
        return grants.added(caller, m).map(added -> Member.load(users, added));
    }
}
