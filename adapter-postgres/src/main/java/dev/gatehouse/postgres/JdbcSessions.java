package dev.gatehouse.postgres;

import dev.gatehouse.core.sessions.Session;
import dev.gatehouse.core.sessions.Sessions;
import dev.gatehouse.core.shared.SessionId;
import dev.gatehouse.core.shared.UserId;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** {@link Sessions} in {@code sessions}. */
final class JdbcSessions implements Sessions {
    private final Sql sql;

    JdbcSessions(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void add(Session s) {
        sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO sessions (id, user_id, created_at, last_seen_at, ip, user_agent,"
                    + " expires_at, revoked_at, revoked_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setObject(1, s.id().value());
                ps.setObject(2, s.userId().value());
                Sql.setInstant(ps, 3, s.createdAt());
                Sql.setInstant(ps, 4, s.lastSeenAt());
                ps.setString(5, s.ip());
                ps.setString(6, s.userAgent());
                Sql.setInstant(ps, 7, s.expiresAt());
                Sql.setInstant(ps, 8, s.revokedAt());
                ps.setString(9, s.revokedReason());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public Optional<Session> byId(SessionId id) {
        return sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM sessions WHERE id = ?")) {
                ps.setObject(1, id.value());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(fromRow(rs)) : Optional.<Session>empty();
                }
            }
        });
    }

    @Override
    public List<Session> ofUser(UserId user, int limit) {
        return sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM sessions WHERE user_id = ? ORDER BY created_at DESC, id DESC LIMIT ?")) {
                ps.setObject(1, user.value());
                ps.setInt(2, limit);
                List<Session> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(fromRow(rs));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public boolean revoke(SessionId id, Instant at, String reason) {
        return sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE sessions SET revoked_at = ?, revoked_reason = ?"
                    + " WHERE id = ? AND revoked_at IS NULL")) {
                Sql.setInstant(ps, 1, at);
                ps.setString(2, reason);
                ps.setObject(3, id.value());
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public List<SessionId> revokeAllOf(UserId user, Instant at, String reason) {
        return sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE sessions SET revoked_at = ?, revoked_reason = ?"
                    + " WHERE user_id = ? AND revoked_at IS NULL RETURNING id")) {
                Sql.setInstant(ps, 1, at);
                ps.setString(2, reason);
                ps.setObject(3, user.value());
                List<SessionId> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new SessionId(rs.getObject("id", UUID.class)));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public void touch(SessionId id, Instant at) {
        sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE sessions SET last_seen_at = ? WHERE id = ? AND last_seen_at < ?")) {
                Sql.setInstant(ps, 1, at);
                ps.setObject(2, id.value());
                Sql.setInstant(ps, 3, at);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public int purgeEndedBefore(Instant before) {
        return sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM sessions WHERE expires_at < ? OR revoked_at < ?")) {
                Sql.setInstant(ps, 1, before);
                Sql.setInstant(ps, 2, before);
                return ps.executeUpdate();
            }
        });
    }

    private static Session fromRow(ResultSet rs) throws SQLException {
        return new Session(new SessionId(rs.getObject("id", UUID.class)), new UserId(rs.getObject("user_id", UUID.class)),
                Sql.instant(rs, "created_at"), Sql.instant(rs, "last_seen_at"), rs.getString("ip"), rs.getString("user_agent"),
                Sql.instant(rs, "expires_at"), Sql.instant(rs, "revoked_at"), rs.getString("revoked_reason"));
    }
}
