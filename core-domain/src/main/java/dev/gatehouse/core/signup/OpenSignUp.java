package dev.gatehouse.core.signup;

import dev.gatehouse.core.audit.Auditor;
import dev.gatehouse.core.events.Events;
import dev.gatehouse.core.events.IdentityEvent;
import dev.gatehouse.core.identity.Email;
import dev.gatehouse.core.identity.PasswordHasher;
import dev.gatehouse.core.identity.User;
import dev.gatehouse.core.identity.Users;
import dev.gatehouse.core.mail.MailContent;
import dev.gatehouse.core.mail.MailQuery;
import dev.gatehouse.core.mail.MailQueue;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.IdGenerator;
import dev.gatehouse.core.shared.Principal;
import dev.gatehouse.core.shared.Reason;
import dev.gatehouse.core.shared.Result;
import dev.gatehouse.core.shared.Transactions;
import dev.gatehouse.core.shared.UserId;
import dev.gatehouse.core.tenancy.InvitationToken;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Self-service sign-up and email verification (ADR 0034).
 *
 * <p>{@link #signUp}: with {@link SignUpSettings.Mode#OPEN} only (else 403 {@value #SIGNUP_DISABLED}).
 * Whatever the address, the answer is the same and the password is hashed, so neither the answer nor
 * its timing says whether an account exists. No account: an unverified one is created and a
 * verification link mailed. An unverified account: a new link is mailed for this sign-up (carrying its
 * name and password, which the account takes if this link is the one used). A verified account: a notice
 * without link is mailed to it. A deactivated one: nothing. At most one mail per address per
 * {@link SignUpSettings#mailEvery()}; a sign-up within that interval changes nothing. Account, link and
 * mail are written in one transaction through the mail outbox.
 *
 * <p>{@link #verify}: a link's token, used once before it expires, verifies its account (whatever the mode,
 * so accounts created while sign-up was open can finish). The caller starts the session.
 */
public record OpenSignUp(Users users, EmailVerifications verifications, PasswordHasher hasher, MailQueue mail,
                         Auditor auditor, Events events, Transactions tx, Clock clock, IdGenerator ids,
                         SignUpSettings settings) {
    /** The problem code of a sign-up while {@code GATEHOUSE_SIGNUP=invite}. */
    public static final String SIGNUP_DISABLED = "signup_disabled";

    public record Command(Caller caller, String email, String name, String password) {
        @Override
        public String toString() {
            return "OpenSignUp.Command[" + email + "]"; // never the password
        }
    }

    /** The one answer of a sign-up: the normalized address a mail may be on its way to. */
    public record Accepted(String email) {
    }

    public SignUpSettings settings() {
        return settings;
    }

    public Result<Accepted> signUp(Command c) {
        if (settings.mode() != SignUpSettings.Mode.OPEN) {
            return Result.fail(Failure.forbidden("Sign-up is by invitation only on this server (GATEHOUSE_SIGNUP=invite).")
                    .withDetail("error", SIGNUP_DISABLED));
        }
        Map<String, List<String>> errors = new LinkedHashMap<>();
        var email = Email.parse(c.email());
        if (email.isEmpty()) {
            errors.put("email", List.of(c.email() == null ? "is required" : "is not a valid email address"));
        }
        String name = c.name() == null ? "" : c.name().strip();
        errors.putAll(User.accountProblems(name, c.password()));
        if (!errors.isEmpty()) {
            return Result.fail(Failure.invalid(errors));
        }
        // Hashed whatever the address: outside the transaction (it is slow) and so that an existing account takes as long.
        String hash = hasher.hash(c.password().toCharArray());
        Email address = email.get();
        tx.inTransaction(() -> {
            Instant now = clock.instant();
            Optional<User> existing = users.byEmail(address);
            if (existing.isEmpty()) {
                User user = User.createUnverified(new UserId(ids.newId()), address, name, hash, now);
                if (users.add(user)) {
                    Caller as = as(user, c.caller());
                    Map<String, Object> summary = new LinkedHashMap<>();
                    summary.put("email", address.value());
                    summary.put("name", name);
                    summary.put("via", "open");
                    auditor.record(as, "user.signed_up", "user", user.id(), null, summary);
                    events.record(new IdentityEvent.UserSignedUp(null, user.id(), "open"));
                    sendLink(as, user, name, hash, now);
                }
                return null; // taken meanwhile by another request: that one mails the address
            }
            User user = existing.get();
            if (!user.active()) {
                return null;
            }
            Caller as = as(user, c.caller());
            if (!user.emailVerified()) {
                if (!recentlyMailed(address, SignUpMails.VERIFICATION, now)) {
                    auditor.record(as, "user.signed_up_again", "user", user.id(), null, Map.of("email", address.value()));
                    sendLink(as, user, name, hash, now);
                }
                return null;
            }
            if (!recentlyMailed(address, SignUpMails.ACCOUNT_EXISTS, now)) {
                auditor.record(as, "user.signup_refused", "user", user.id(), null,
                        Map.of("email", address.value(), "reason", "account_exists"));
                mail.enqueue(SignUpMails.ACCOUNT_EXISTS, address.value(), SignUpMails.accountExists(now));
            }
            return null;
        });
        return Result.ok(new Accepted(address.value()));
    }

    private void sendLink(Caller as, User user, String name, String hash, Instant now) {
        String token = InvitationToken.generate(ids);
        Instant expires = now.plus(settings.linkTtl());
        verifications.add(new EmailVerification(InvitationToken.hash(token), user.id(), name, hash, now, expires, null));
        MailContent content = SignUpMails.verification(name, settings.link(token), expires);
        var id = mail.enqueue(SignUpMails.VERIFICATION, user.email().value(), content);
        auditor.record(as, "user.verification_mail_queued", "user", user.id(), null,
                Map.of("mail_id", id.text(), "expires_at", expires.toString()));
    }

    private boolean recentlyMailed(Email to, String kind, Instant now) {
        if (settings.mailEvery().isZero()) {
            return false;
        }
        var last = mail.outbox().list(new MailQuery(null, to.value(), kind), null, 1).items();
        return !last.isEmpty() && last.get(0).createdAt().plus(settings.mailEvery()).isAfter(now);
    }

    /**
     * Uses a verification link: the account is verified and takes the name and password of the sign-up the
     * link was mailed for. Unknown (or not even token-shaped) links are not found; a used one, an expired
     * one, or one of an account already verified through another link, an invalid state.
     */
    public Result<User> verify(Caller caller, String token) {
        if (!InvitationToken.plausible(token)) {
            return Result.fail(Failure.notFound("Verification link"));
        }
        String hash = InvitationToken.hash(token);
        return tx.inTransaction(() -> {
            var found = verifications.byTokenHash(hash)
                    .filter(v -> MessageDigest.isEqual(v.tokenHash().getBytes(StandardCharsets.US_ASCII),
                            hash.getBytes(StandardCharsets.US_ASCII)));
            if (found.isEmpty()) {
                return Result.<User>fail(Failure.notFound("Verification link"));
            }
            EmailVerification v = found.get();
            Instant now = clock.instant();
            if (v.usedAt() != null) {
                return Result.<User>fail(Failure.of(Reason.INVALID_STATE, "This verification link was used already."));
            }
            if (v.expiredAt(now)) {
                return Result.<User>fail(Failure.of(Reason.INVALID_STATE,
                        "This verification link expired; sign up again for a new one."));
            }
            var user = users.byId(v.userId()).filter(User::active);
            if (user.isEmpty()) {
                return Result.<User>fail(Failure.notFound("Verification link"));
            }
            if (user.get().emailVerified()) {
                return Result.<User>fail(Failure.of(Reason.INVALID_STATE, "This email address is verified already; sign in."));
            }
            if (!verifications.markUsed(hash, now)) {
                return Result.<User>fail(Failure.of(Reason.INVALID_STATE, "This verification link was used already."));
            }
            User verified = user.get().verified(v.name(), v.passwordHash(), now);
            users.update(verified);
            Caller as = as(verified, caller);
            auditor.record(as, "user.email_verified", "user", verified.id(), null, Map.of("email", verified.email().value()));
            events.record(new IdentityEvent.UserEmailVerified(verified.id()));
            return Result.ok(verified);
        });
    }

    /** Forgets links that expired more than a day ago; how many. */
    public int purgeExpired() {
        return tx.inTransaction(() -> verifications.purgeExpiredBefore(clock.instant().minus(java.time.Duration.ofDays(1))));
    }

    private static Caller as(User user, Caller caller) {
        return new Caller(new Principal.User(user.id(), user.email().value(), user.platformAdmin()), caller.origin());
    }
}
