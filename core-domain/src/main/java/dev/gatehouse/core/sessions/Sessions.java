package dev.gatehouse.core.sessions;

import dev.gatehouse.core.shared.SessionId;
import dev.gatehouse.core.shared.UserId;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The stored sessions. */
public interface Sessions {
    void add(Session session);

    Optional<Session> byId(SessionId id);

    /** A user's sessions, newest first, at most {@code limit}. */
    List<Session> ofUser(UserId user, int limit);

    /** Marks a session revoked unless it already is; whether it changed. */
    boolean revoke(SessionId id, Instant at, String reason);

    /** Revokes every unrevoked session of a user; the ids revoked. */
    List<SessionId> revokeAllOf(UserId user, Instant at, String reason);

    /** Records the session's last use (a later time only). */
    void touch(SessionId id, Instant at);

    /** Deletes sessions that expired or were revoked before {@code before}; how many. */
    int purgeEndedBefore(Instant before);
}
