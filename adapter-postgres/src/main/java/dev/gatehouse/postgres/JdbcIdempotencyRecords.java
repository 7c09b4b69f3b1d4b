package dev.gatehouse.postgres;

import dev.gatehouse.core.idempotency.IdempotencyRecord;
import dev.gatehouse.core.idempotency.IdempotencyRecords;
import dev.gatehouse.core.idempotency.StoredResponse;

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
    private static final String CLAIM = "INSERT INTO idempotency_records AS r (" + IdempotencyRecordRows.COLUMNS + ")"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (principal_id, key) DO UPDATE SET fingerprint = EXCLUDED.fingerprint,"
            + " response_status = EXCLUDED.response_status, response_content_type = EXCLUDED.response_content_type,"
            + " response_body = EXCLUDED.response_body,"
            + " created_at = EXCLUDED.created_at, locked_until = EXCLUDED.locked_until, expires_at = EXCLUDED.expires_at"
            // IdempotencyRecord.replaceableAt(now): expired, or unfinished with a lapsed claim
            + " WHERE r.expires_at <= ? OR (r.response_status IS NULL AND r.locked_until <= ?)";
    private static final String FIND = "SELECT " + IdempotencyRecordRows.COLUMNS
            + " FROM idempotency_records WHERE principal_id = ? AND key = ?";

    private final Sql sql;

    JdbcIdempotencyRecords(Sql sql) {
        this.sql = sql;
    }

    @Override
    public Optional<IdempotencyRecord> claim(IdempotencyRecord fresh, Instant now) {
        StoredResponse response = fresh.response(); // null for the usual in-progress claim
        return sql.inOwnTransaction(c -> {
            int claimed = Sql.update(c, CLAIM, fresh.principalId(), fresh.key(), fresh.fingerprint(),
                    response == null ? null : response.status(), response == null ? null : response.contentType(),
                    response == null ? null : response.body(), fresh.createdAt(), fresh.lockedUntil(), fresh.expiresAt(),
                    now, now);
            if (claimed == 1) {
                return Optional.empty();
            }
            Optional<IdempotencyRecord> existing = Sql.one(c, FIND, IdempotencyRecordRows::map, fresh.principalId(), fresh.key());
            if (existing.isEmpty()) {
                throw new IllegalStateException("idempotency record " + fresh.key() + " was neither claimed nor found");
            }
            return existing;
        });
    }

    @Override
    public void complete(String principalId, String key, String fingerprint, StoredResponse response) {
        sql.inOwnTransaction(c -> Sql.update(c, "UPDATE idempotency_records"
                + " SET response_status = ?, response_content_type = ?, response_body = ?"
                + " WHERE principal_id = ? AND key = ? AND fingerprint = ? AND response_status IS NULL",
                response.status(), response.contentType(), response.body(), principalId, key, fingerprint));
    }

    @Override
    public void release(String principalId, String key, String fingerprint) {
        sql.inOwnTransaction(c -> Sql.update(c, "DELETE FROM idempotency_records"
                + " WHERE principal_id = ? AND key = ? AND fingerprint = ? AND response_status IS NULL",
                principalId, key, fingerprint));
    }

    @Override
    public Optional<IdempotencyRecord> find(String principalId, String key) {
        return sql.inOwnTransaction(c -> Sql.one(c, FIND, IdempotencyRecordRows::map, principalId, key));
    }

    @Override
    public int purgeExpired(Instant now) {
        return sql.inOwnLongTransaction(c -> Sql.update(c, "DELETE FROM idempotency_records WHERE expires_at <= ?", now));
    }
}
