package dev.gatehouse.core.tokens;

import dev.gatehouse.core.shared.SessionId;
import dev.gatehouse.core.shared.UserId;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Checks a session token offline with the same JDK verifier as access tokens
 * ({@link AccessTokenVerifier}) against the instance's keys, found by {@code kid} among every key of
 * the instance, so tokens signed before another instance added a key stay valid until they expire.
 * Strict: the issuer must match, {@code exp} is required and no clock leeway is granted. Whether the
 * session it names is still live is the caller's question ({@link AuthenticateSessionToken}).
 */
public final class VerifySessionToken {
    /** What a valid token names: its user and its stored session. */
    public record Verified(UserId user, SessionId session) {
    }

    /**
     * How often at most tokens naming an unknown {@code kid} make the keys be read again. A key another
     * instance added is found on first sight unless another unknown kid caused a read within this time;
     * forged kids on every request cost one query a second, not one a request.
     */
    static final Duration RELOAD_INTERVAL = Duration.ofSeconds(1);

    private final InstanceKeyRing ring;
    private final Clock clock;
    private final String issuer;
    /** The verifier over the keys last read; read again when a token names a kid it does not know. */
    private volatile AccessTokenVerifier verifier;
    private volatile Instant lastReload = Instant.MIN;

    VerifySessionToken(InstanceKeyRing ring, Clock clock, String issuer) {
        this.ring = ring;
        this.clock = clock;
        this.issuer = issuer;
    }

    /** A valid token's names and its expiry ({@code exp}). */
    record Checked(Verified verified, Instant expiresAt) {
    }

    /** The user and session a valid, unexpired token of this issuer names; empty for anything else. */
    public Optional<Verified> handle(String token) {
        return check(token).map(Checked::verified);
    }

    /** The same, with the token's expiry. */
    Optional<Checked> check(String token) {
        AccessTokenVerifier current = verifier;
        var outcome = current == null ? null : current.verify(token);
        boolean unknownKid = outcome instanceof AccessTokenVerifier.Rejected r && r.reason() == AccessTokenVerifier.Reason.UNKNOWN_KID;
        if (outcome == null) {
            current = reload();
            outcome = current.verify(token);
        } else if (unknownKid && !clock.instant().isBefore(lastReload.plus(RELOAD_INTERVAL))) {
            lastReload = clock.instant();
            current = reload();
            outcome = current.verify(token);
        }
        if (!(outcome instanceof AccessTokenVerifier.Verified v)) {
            return Optional.empty();
        }
        var user = v.claim("sub").flatMap(UserId::parse);
        var session = v.claim("jti").flatMap(SessionId::parse);
        if (user.isEmpty() || session.isEmpty() || !(v.claims().get("exp") instanceof Number exp)) {
            return Optional.empty();
        }
        return Optional.of(new Checked(new Verified(user.get(), session.get()), Instant.ofEpochSecond(exp.longValue())));
    }

    private AccessTokenVerifier reload() {
        AccessTokenVerifier fresh = AccessTokenVerifier.of(GetProjectJwks.published(ring.published(), clock.instant()), clock)
                .withLeeway(Duration.ZERO).requiringIssuer(issuer);
        verifier = fresh;
        return fresh;
    }
}
