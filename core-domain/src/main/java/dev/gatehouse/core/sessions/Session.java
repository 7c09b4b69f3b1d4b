package dev.gatehouse.core.sessions;

import dev.gatehouse.core.shared.SessionId;
import dev.gatehouse.core.shared.UserId;

import java.time.Instant;
import java.util.Objects;

/**
 * A user's session. {@code revokedReason}: {@code logout}, {@code revoked} (by the user or a platform
 * admin) or {@code user_deactivated}; null while not revoked.
 */
public record Session(SessionId id, UserId userId, Instant createdAt, Instant lastSeenAt, String ip, String userAgent,
                      Instant expiresAt, Instant revokedAt, String revokedReason) {
    public Session {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(lastSeenAt, "lastSeenAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public static Session start(SessionId id, UserId user, Instant now, String ip, String userAgent, Instant expiresAt) {
        return new Session(id, user, now, now, ip, userAgent, expiresAt, null, null);
    }

    public boolean activeAt(Instant now) {
        return revokedAt == null && now.isBefore(expiresAt);
    }

    /** {@code active}, {@code expired} or {@code revoked}. */
    public String status(Instant now) {
        return revokedAt != null ? "revoked" : now.isBefore(expiresAt) ? "active" : "expired";
    }
}
