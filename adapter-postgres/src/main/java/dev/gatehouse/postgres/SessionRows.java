package dev.gatehouse.postgres;

import dev.gatehouse.core.sessions.Session;
import dev.gatehouse.core.shared.SessionId;
import dev.gatehouse.core.shared.UserId;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/** The row mapper of {@code sessions}. */
final class SessionRows {
    private SessionRows() {
    }

    static Session map(ResultSet rs) throws SQLException {
        return new Session(new SessionId(rs.getObject("id", UUID.class)), new UserId(rs.getObject("user_id", UUID.class)),
                Sql.instant(rs, "created_at"), Sql.instant(rs, "last_seen_at"), rs.getString("ip"), rs.getString("user_agent"),
                Sql.instant(rs, "expires_at"), Sql.instant(rs, "revoked_at"), rs.getString("revoked_reason"));
    }
}
