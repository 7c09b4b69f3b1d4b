package dev.gatehouse.core.identity;

import dev.gatehouse.core.audit.Auditor;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.Principal;
import dev.gatehouse.core.shared.Reason;
import dev.gatehouse.core.shared.Result;
import dev.gatehouse.core.shared.Transactions;

import java.time.Clock;
import java.util.Map;

/**
 * Email and password login. An unknown email, a wrong password and a deactivated user all give the
 * same failure, and an unknown email still pays for one hash verification, so neither the answer
 * nor its timing tells which emails exist. Repeated failures per email and per client address are
 * throttled ({@link LoginThrottle}). The right password of an account whose address is not verified
 * yet (open sign-up) is refused with {@value #EMAIL_NOT_VERIFIED}.
 */
public final class AuthenticateUser {
    static final String INVALID = "Invalid email or password.";
    /** The problem code of a correct login to an account whose address is not verified yet (ADR 0034). */
    public static final String EMAIL_NOT_VERIFIED = "email_not_verified";
    static final String EMAIL_NOT_VERIFIED_MESSAGE = "Verify your email address first: use the link in the mail we sent, "
            + "or ask for a new one with POST /api/v1/auth/verify-email/resend.";

    public record Command(Caller caller, String email, String password) {
        @Override
        public String toString() {
            return "AuthenticateUser.Command[" + email + "]";
        }
    }

    private final Users users;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final Auditor auditor;
    private final Transactions tx;
    private final Clock clock;
    private volatile String decoyHash;

    public AuthenticateUser(Users users, PasswordHasher hasher, LoginThrottle throttle, Auditor auditor,
                            Transactions tx, Clock clock) {
        this.users = users;
        this.hasher = hasher;
        this.throttle = throttle;
        this.auditor = auditor;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * Computes the decoy hash now rather than at the first login with an unknown email (which would
     * then take twice as long and stand out). Hosts call it once, off the start-up path.
     */
    public void warmUp() {
        decoy();
    }

    private String decoy() {
        String d = decoyHash;
        if (d == null) {
            synchronized (this) {
                if (decoyHash == null) {
                    decoyHash = hasher.hash("decoy-password-for-unknown-emails".toCharArray());
                }
                d = decoyHash;
            }
        }
        return d;
    }

    public Result<User> handle(Command c) {
        String emailKey = "email:" + (c.email() == null ? "" : c.email().strip().toLowerCase(java.util.Locale.ROOT));
        String ipKey = "ip:" + c.caller().origin().ip();
        var locked = throttle.lockedFor(emailKey).or(() -> throttle.lockedFor(ipKey));
        if (locked.isPresent()) {
            long seconds = Math.max(1, (locked.get().toMillis() + 999) / 1000);
            return Result.fail(Failure.of(Reason.RATE_LIMITED, "Too many failed logins; try again later.")
                    .withDetail("retry_after", seconds));
        }
        String password = c.password() == null ? "" : c.password();
        if (password.length() > PasswordPolicy.MAX_LENGTH * 4) {
            password = password.substring(0, PasswordPolicy.MAX_LENGTH * 4);
        }
        var user = Email.parse(c.email()).flatMap(e -> tx.readOnly(() -> users.byEmail(e)));
        boolean matches = hasher.verify(password.toCharArray(), user.map(User::passwordHash).orElseGet(this::decoy));
        if (user.isEmpty() || !matches || !user.get().active()) {
            throttle.failed(emailKey);
            throttle.failed(ipKey);
            user.ifPresent(u -> tx.inTransaction(() -> auditor.record(c.caller(), "user.login_failed", "user", u.id(), null, Map.of())));
            return Result.fail(Reason.UNAUTHENTICATED, INVALID);
        }
        throttle.succeeded(emailKey);
        User u = user.get();
        if (!u.emailVerified()) {
            // Only someone who knows the password learns this: the answer above is the same for everyone else.
            return Result.fail(Failure.forbidden(EMAIL_NOT_VERIFIED_MESSAGE).withDetail("error", EMAIL_NOT_VERIFIED));
        }
        String fresh = hasher.needsRehash(u.passwordHash()) ? hasher.hash(password.toCharArray()) : null;
        return tx.inTransaction(() -> {
            User current = u;
            if (fresh != null) {
                current = u.withPasswordHash(fresh, clock.instant());
                users.update(current);
            }
            Caller asUser = new Caller(new Principal.User(u.id(), u.email().value(), u.platformAdmin()), c.caller().origin());
            auditor.record(asUser, "user.logged_in", "user", u.id(), null, Map.of());
            return Result.ok(current);
        });
    }
}
