package dev.gatehouse.postgres;

import dev.gatehouse.core.sessions.Session;
import dev.gatehouse.core.sessions.Sessions;
import dev.gatehouse.core.shared.SessionId;
import dev.gatehouse.core.shared.UserId;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** {@link Sessions} in {@code sessions}. */
final class JdbcSessions extends JdbcTable<Session, SessionId> implements Sessions {
    private static final String INSERT = insert("sessions",
            "id, user_id, created_at, last_seen_at, ip, user_agent, expires_at, revoked_at, revoked_reason");

    JdbcSessions(Sql sql) {
        super(sql, "sessions", SessionRows::map);
    }

    @Override
    public void add(Session s) {
        sql.update(INSERT,
                s.id().value(), s.userId().value(), s.createdAt(), s.lastSeenAt(), s.ip(), s.userAgent(), s.expiresAt(),
                s.revokedAt(), s.revokedReason());
    }

    @Override
    public List<Session> ofUser(UserId user, int limit) {
        return sql.query("SELECT * FROM sessions WHERE user_id = ? ORDER BY created_at DESC, id DESC LIMIT ?", SessionRows::map,
                user.value(), limit);
    }

    @Override
    public boolean revoke(SessionId id, Instant at, String reason) {
        return sql.update("UPDATE sessions SET revoked_at = ?, revoked_reason = ? WHERE id = ? AND revoked_at IS NULL",
                at, reason, id.value()) == 1;
    }

    @Override
    public List<SessionId> revokeAllOf(UserId user, Instant at, String reason) {
        return sql.query("UPDATE sessions SET revoked_at = ?, revoked_reason = ? WHERE user_id = ? AND revoked_at IS NULL"
                + " RETURNING id", rs -> new SessionId(rs.getObject("id", UUID.class)), at, reason, user.value());
    }

    @Override
    public void touch(SessionId id, Instant at) {
        sql.update("UPDATE sessions SET last_seen_at = ? WHERE id = ? AND last_seen_at < ?", at, id.value(), at);
    }

    @Override
    public int purgeEndedBefore(Instant before) {
        return sql.update("DELETE FROM sessions WHERE expires_at < ? OR revoked_at < ?", before, before);
    }
}
