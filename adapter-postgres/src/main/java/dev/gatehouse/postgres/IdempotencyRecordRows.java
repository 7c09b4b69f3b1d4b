package dev.gatehouse.postgres;

import dev.gatehouse.core.idempotency.IdempotencyRecord;
import dev.gatehouse.core.idempotency.StoredResponse;

import java.sql.ResultSet;
import java.sql.SQLException;

/** The row mapper of {@code idempotency_records}: no response while in progress. */
final class IdempotencyRecordRows {
    static final String COLUMNS = "principal_id, key, fingerprint, response_status, response_content_type, response_body,"
            + " created_at, locked_until, expires_at";

    private IdempotencyRecordRows() {
    }

    static IdempotencyRecord map(ResultSet rs) throws SQLException {
        int status = rs.getInt("response_status");
        StoredResponse response = rs.wasNull() ? null
                : new StoredResponse(status, rs.getString("response_content_type"), rs.getBytes("response_body"));
        return new IdempotencyRecord(rs.getString("principal_id"), rs.getString("key"), rs.getString("fingerprint"), response,
                Sql.instant(rs, "created_at"), Sql.instant(rs, "locked_until"), Sql.instant(rs, "expires_at"));
    }
}
