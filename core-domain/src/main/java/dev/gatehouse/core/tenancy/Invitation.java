package dev.gatehouse.core.tenancy;

import dev.gatehouse.core.identity.Email;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.InvitationId;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Reason;
import dev.gatehouse.core.shared.Result;
import dev.gatehouse.core.shared.UserId;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * An invitation of an email address into an organization with a preselected role. Only the SHA-256
 * hash of its token is kept. Its {@link State} is a type: a {@link Pending} invitation can be
 * accepted (until it expires), revoked or re-sent with a new token; {@link Accepted} and
 * {@link Revoked} ones are final, and every transition from them fails naming the state.
 *
 * @param sentAt when the current token was issued; {@code expiresAt - sentAt} is the validity a
 *               re-send grants again
 */
public record Invitation(InvitationId id, OrganizationId organizationId, Email email, Role role, String tokenHash,
                         UserId invitedBy, Instant createdAt, Instant updatedAt, Instant sentAt, Instant expiresAt,
                         State state) {
    public static final Duration DEFAULT_VALIDITY = Duration.ofDays(7);
    public static final Duration MAX_VALIDITY = Duration.ofDays(30);

    public sealed interface State permits Pending, Accepted, Revoked {
    }

    public record Pending() implements State {
    }

    public record Accepted(UserId by, Instant at) implements State {
        public Accepted {
            Objects.requireNonNull(by, "by");
            Objects.requireNonNull(at, "at");
        }
    }

    public record Revoked(Instant at) implements State {
        public Revoked {
            Objects.requireNonNull(at, "at");
        }
    }

    public Invitation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(tokenHash, "tokenHash");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(sentAt, "sentAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(state, "state");
    }

    public static Invitation create(InvitationId id, OrganizationId org, Email email, Role role, String tokenHash,
                                    UserId invitedBy, Instant now, Duration validity) {
        return new Invitation(id, org, email, role, tokenHash, invitedBy, now, now, now, now.plus(validity), new Pending());
    }

    /** The state's wire name at {@code now}: {@code pending}, {@code expired}, {@code accepted}, {@code revoked}. */
    public String status(Instant now) {
        if (state instanceof Accepted) {
            return "accepted";
        }
        if (state instanceof Revoked) {
            return "revoked";
        }
        return expiredAt(now) ? "expired" : "pending";
    }

    public boolean expiredAt(Instant now) {
        return !expiresAt.isAfter(now);
    }

    /** Pending and not expired: becomes accepted by {@code user}. */
    public Result<Invitation> accept(UserId user, Instant now) {
        if (state instanceof Pending && !expiredAt(now)) {
            return Result.ok(with(tokenHash, sentAt, expiresAt, new Accepted(user, now), now));
        }
        return Result.fail(notPending(now, "accepted"));
    }

    /** Pending (expired or not): becomes revoked. */
    public Result<Invitation> revoke(Instant now) {
        if (state instanceof Pending) {
            return Result.ok(with(tokenHash, sentAt, expiresAt, new Revoked(now), now));
        }
        return Result.fail(notPending(now, "revoked"));
    }

    /** Pending (expired or not): a new token, valid as long as the first one was; the old token is dead. */
    public Result<Invitation> reissue(String newTokenHash, Instant now) {
        if (state instanceof Pending) {
            Duration validity = Duration.between(sentAt, expiresAt);
            return Result.ok(with(newTokenHash, now, now.plus(validity), state, now));
        }
        return Result.fail(notPending(now, "re-sent"));
    }

    private Failure notPending(Instant now, String transition) {
        String why = switch (status(now)) {
            case "expired" -> "has expired (at " + expiresAt + ")";
            case "accepted" -> "has already been accepted";
            case "revoked" -> "has been revoked";
            default -> "is " + status(now);
        };
        return Failure.of(Reason.INVALID_STATE, "This invitation " + why + " and cannot be " + transition + ".")
                .withDetail("invitation_status", status(now));
    }

    private Invitation with(String hash, Instant sent, Instant expires, State next, Instant now) {
        return new Invitation(id, organizationId, email, role, hash, invitedBy, createdAt, now, sent, expires, next);
    }
}
