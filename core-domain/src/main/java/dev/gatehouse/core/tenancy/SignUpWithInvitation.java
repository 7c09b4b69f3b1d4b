package dev.gatehouse.core.tenancy;

import dev.gatehouse.core.audit.Auditor;
import dev.gatehouse.core.events.Events;
import dev.gatehouse.core.identity.PasswordHasher;
import dev.gatehouse.core.identity.PasswordPolicy;
import dev.gatehouse.core.identity.User;
import dev.gatehouse.core.identity.Users;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.IdGenerator;
import dev.gatehouse.core.shared.Principal;
import dev.gatehouse.core.shared.Reason;
import dev.gatehouse.core.shared.Result;
import dev.gatehouse.core.shared.Transactions;
import dev.gatehouse.core.shared.UserId;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Someone holding an invitation for an email that has no account accepts it without signing in: the
 * account (name, and a password under the {@link PasswordPolicy}) is created and the invitation
 * accepted in one transaction, so a failure (a used or expired invitation, no seat left) leaves no
 * account behind. The invitation proves the address. An email that has an account must sign in and
 * accept as today (401, saying so). The caller starts the new user's session afterwards.
 */
public record SignUpWithInvitation(Invitations invitations, Users users, PasswordHasher hasher, AcceptInvitation accept,
                                   Auditor auditor, Events events, Transactions tx, Clock clock, IdGenerator ids) {
    public record Command(Caller caller, String token, String name, String password) {
        @Override
        public String toString() {
            return "SignUpWithInvitation.Command[" + name + "]"; // never the token or the password
        }
    }

    public record SignedUp(User user, Member member) {
    }

    public Result<SignedUp> handle(Command c) {
        if (!InvitationToken.plausible(c.token())) {
            return Result.fail(Failure.notFound("Invitation"));
        }
        String name = c.name() == null ? "" : c.name().strip();
        Map<String, List<String>> errors = User.accountProblems(name, c.password());
        if (!errors.isEmpty()) {
            return Result.fail(Failure.invalid(errors));
        }
        var found = tx.readOnly(() -> invitations.byTokenHash(InvitationToken.hash(c.token())));
        if (found.isEmpty()) {
            return Result.fail(Failure.notFound("Invitation"));
        }
        // Hash outside the transaction: it is deliberately slow.
        String hash = hasher.hash(c.password().toCharArray());
        return tx.inTransaction(() -> {
            var inv = invitations.byTokenHash(InvitationToken.hash(c.token()));
            if (inv.isEmpty()) {
                return Result.<SignedUp>fail(Failure.notFound("Invitation"));
            }
            if (users.byEmail(inv.get().email()).isPresent()) {
                return Result.<SignedUp>fail(Failure.of(Reason.UNAUTHENTICATED,
                        "An account exists for this email: sign in as it to accept the invitation."));
            }
            var now = clock.instant();
            User user = User.create(new UserId(ids.newId()), inv.get().email(), name, hash, false, now);
            if (!users.add(user)) {
                return Result.<SignedUp>fail(Failure.conflict("A user with this email already exists."));
            }
            Caller as = new Caller(new Principal.User(user.id(), user.email().value(), false), c.caller().origin());
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("email", user.email().value());
            summary.put("name", user.name());
            summary.put("platform_admin", false);
            summary.put("via", "invitation");
            auditor.record(as, "user.created", "user", user.id(), inv.get().organizationId(), summary);
            events.record(new dev.gatehouse.core.events.IdentityEvent.UserSignedUp(inv.get().organizationId(), user.id(), "invitation"));
            return accept.acceptInside(as, (Principal.User) as.principal(), c.token()).map(m -> new SignedUp(user, m));
        });
    }
}
