package dev.gatehouse.postgres;

import dev.gatehouse.core.idempotency.IdempotencyRecord;
import dev.gatehouse.core.idempotency.IdempotencyRecords;
import dev.gatehouse.core.idempotency.StoredResponse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Optional;

/**
 * {@link IdempotencyRecords} in {@code idempotency_records}. Every method runs in a transaction of
 * its own: a claim must be visible to concurrent requests at once, and must not vanish when the
 * request's own transaction rolls back.
 *
 * <p>The claim is one {@code INSERT … ON CONFLICT DO UPDATE … WHERE <existing is replaceable>}: the
 * primary key serializes concurrent claims of one key, so exactly one of them inserts (or replaces
 * an expired or abandoned record). A claim that loses has, by the same statement, locked the
 * existing row, so reading it next in the same transaction cannot miss it.
 */
final class JdbcIdempotencyRecords implements IdempotencyRecords {
    private static final String CLAIM = "INSERT INTO idempotency_records AS r (" + IdempotencyRecordMapper.COLUMNS + ")"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (principal_id, key) DO UPDATE SET fingerprint = EXCLUDED.fingerprint,"
            + " response_status = EXCLUDED.response_status, response_content_type = EXCLUDED.response_content_type,"
            + " response_body = EXCLUDED.response_body,"
            + " created_at = EXCLUDED.created_at, locked_until = EXCLUDED.locked_until, expires_at = EXCLUDED.expires_at"
            // IdempotencyRecord.replaceableAt(now): expired, or unfinished with a lapsed claim
            + " WHERE r.expires_at <= ? OR (r.response_status IS NULL AND r.locked_until <= ?)";
    private static final String FIND = "SELECT " + IdempotencyRecordMapper.COLUMNS
            + " FROM idempotency_records WHERE principal_id = ? AND key = ?";

    private final Sql sql;

    JdbcIdempotencyRecords(Sql sql) {
        this.sql = sql;
    }

    @Override
    public Optional<IdempotencyRecord> claim(IdempotencyRecord fresh, Instant now) {
        StoredResponse response = fresh.response(); // null for the usual in-progress claim
        return sql.inOwnTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(CLAIM)) {
                ps.setString(1, fresh.principalId());
                ps.setString(2, fresh.key());
                ps.setString(3, fresh.fingerprint());
                if (response == null) {
                    ps.setNull(4, Types.INTEGER);
                    ps.setNull(5, Types.VARCHAR);
                    ps.setNull(6, Types.BINARY);
                } else {
                    ps.setInt(4, response.status());
                    ps.setString(5, response.contentType());
                    ps.setBytes(6, response.body());
                }
                Sql.setInstant(ps, 7, fresh.createdAt());
                Sql.setInstant(ps, 8, fresh.lockedUntil());
                Sql.setInstant(ps, 9, fresh.expiresAt());
                Sql.setInstant(ps, 10, now);
                Sql.setInstant(ps, 11, now);
                if (ps.executeUpdate() == 1) {
                    return Optional.empty();
                }
            }
            Optional<IdempotencyRecord> existing = find(c, fresh.principalId(), fresh.key());
            if (existing.isEmpty()) {
                throw new IllegalStateException("idempotency record " + fresh.key() + " was neither claimed nor found");
            }
            return existing;
        });
    }

    @Override
    public void complete(String principalId, String key, String fingerprint, StoredResponse response) {
        sql.inOwnTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE idempotency_records"
                    + " SET response_status = ?, response_content_type = ?, response_body = ?"
                    + " WHERE principal_id = ? AND key = ? AND fingerprint = ? AND response_status IS NULL")) {
                ps.setInt(1, response.status());
                ps.setString(2, response.contentType());
                ps.setBytes(3, response.body());
                ps.setString(4, principalId);
                ps.setString(5, key);
                ps.setString(6, fingerprint);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public void release(String principalId, String key, String fingerprint) {
        sql.inOwnTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM idempotency_records"
                    + " WHERE principal_id = ? AND key = ? AND fingerprint = ? AND response_status IS NULL")) {
                ps.setString(1, principalId);
                ps.setString(2, key);
                ps.setString(3, fingerprint);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public Optional<IdempotencyRecord> find(String principalId, String key) {
        return sql.inOwnTransaction(c -> find(c, principalId, key));
    }

    @Override
    public int purgeExpired(Instant now) {
        return sql.inOwnLongTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM idempotency_records WHERE expires_at <= ?")) {
                Sql.setInstant(ps, 1, now);
                return ps.executeUpdate();
            }
        });
    }

    private static Optional<IdempotencyRecord> find(Connection c, String principalId, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(FIND)) {
            ps.setString(1, principalId);
            ps.setString(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(IdempotencyRecordMapper.fromResultSet(rs)) : Optional.empty();
            }
        }
    }
}
