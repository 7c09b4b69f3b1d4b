package dev.gatehouse.postgres;

import dev.gatehouse.core.entitlements.UsageLedger;
import dev.gatehouse.core.entitlements.UsageRecord;
import dev.gatehouse.core.shared.OrganizationId;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * {@link UsageLedger} in {@code usage_counters} and {@code usage_records}. The check-and-count is one
 * statement: an upsert whose update applies only while {@code used + quantity <= ceiling}
 * ({@code INSERT … ON CONFLICT DO UPDATE … WHERE … RETURNING used}). PostgreSQL evaluates that
 * condition on the latest committed row version under the row lock, so concurrent writers serialize
 * on the counter row without a separate {@code SELECT … FOR UPDATE} round trip, and no interleaving
 * can pass the ceiling (counting the units leases reserve). The lock is held until the caller's
 * transaction ends: callers count last.
 *
 * <p>Leases ({@code usage_leases}, ADR 0039): every lease change first locks the counter row
 * ({@code SELECT … FOR UPDATE}), then changes the lease and the counter in one statement, so lease
 * rows change only under their counter's lock (no deadlock between a reservation and a commit of
 * the same lease) and each statement sees the latest committed lease. A commit of a batch
 * ({@link #spend}) is that lock plus one statement: the lease's units taken, the counter's moved from
 * {@code reserved} to {@code used}, the records inserted from arrays ({@code unnest}), each only if
 * the one before it changed a row.
 */
final class JdbcUsageLedger implements UsageLedger {
    private final Sql sql;

    JdbcUsageLedger(Sql sql) {
        this.sql = sql;
    }

    @Override
    public OptionalLong add(OrganizationId organization, String feature, Instant periodStart, long quantity, long ceiling) {
        if (quantity > 0 && quantity > ceiling) {
            return OptionalLong.empty();
        }
        // used <= ceiling - quantity: never overflows (quantity <= ceiling here).
        return sql.one("INSERT INTO usage_counters AS u (organization_id, feature, period_start, used)"
                + " VALUES (?, ?, ?, GREATEST(?::bigint, 0)) ON CONFLICT (organization_id, feature, period_start)"
                + " DO UPDATE SET used = GREATEST(u.used + ?::bigint, 0) WHERE ?::bigint <= 0 OR u.used <= ?::bigint - ?::bigint - u.reserved"
                + " RETURNING used", rs -> OptionalLong.of(rs.getLong(1)),
                organization.value(), feature, periodStart, quantity, quantity, quantity, ceiling, Math.max(quantity, 0))
                .orElse(OptionalLong.empty());
    }

    @Override
    public long used(OrganizationId organization, String feature, Instant periodStart) {
        return sql.one("SELECT used FROM usage_counters WHERE organization_id = ? AND feature = ? AND period_start = ?",
                rs -> rs.getLong(1), organization.value(), feature, periodStart).orElse(0L);
    }

    @Override
    public boolean markThreshold(OrganizationId organization, String feature, Instant periodStart, int percent) {
        return sql.update("UPDATE usage_counters SET notified_percent = ?"
                + " WHERE organization_id = ? AND feature = ? AND period_start = ? AND notified_percent < ?",
                percent, organization.value(), feature, periodStart, percent) == 1;
    }

    @Override
    public void append(UsageRecord r) {
        sql.update("INSERT INTO usage_records (" + UsageRecordRows.COLUMNS + ") VALUES (?, ?, ?, ?, ?::jsonb, ?, ?)",
                r.id(), r.organization().value(), r.feature(), r.quantity(), UsageRecordRows.toJson(r.metadata()),
                r.recordedBy(), r.recordedAt());
    }

    @Override
    public List<UsageRecord> records(OrganizationId organization, String feature, int limit) {
        return sql.query("SELECT " + UsageRecordRows.COLUMNS + " FROM usage_records WHERE organization_id = ? AND feature = ?"
                + " ORDER BY recorded_at DESC, id DESC LIMIT ?", UsageRecordRows::map, organization.value(), feature, limit);
    }


    private static final String COUNTER = " WHERE organization_id = ? AND feature = ? AND period_start = ?";

    /** Locks the counter row; its {@code used + reserved}, or empty when there is no counter. */
    private Optional<Long> lockCounter(OrganizationId organization, String feature, Instant periodStart) {
        return sql.one("SELECT used + reserved FROM usage_counters" + COUNTER + " FOR UPDATE", rs -> rs.getLong(1),
                organization.value(), feature, periodStart);
    }

    @Override
    public long reserve(OrganizationId organization, String feature, Instant periodStart, String holder, long need, long wanted,
                        long ceiling, Instant expiresAt) {
        Optional<Long> taken = lockCounter(organization, feature, periodStart);
        if (taken.isEmpty()) {
            sql.update("INSERT INTO usage_counters (organization_id, feature, period_start, used) VALUES (?, ?, ?, 0)"
                    + " ON CONFLICT DO NOTHING", organization.value(), feature, periodStart);
            taken = lockCounter(organization, feature, periodStart);
        }
        long granted = UsageLedger.leaseGrant(ceiling - taken.orElseThrow(), need, wanted);
        if (granted > 0) {
            sql.update("WITH c AS (UPDATE usage_counters SET reserved = reserved + ?" + COUNTER + ")"
                    + " INSERT INTO usage_leases AS l (organization_id, feature, period_start, holder, units, expires_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (organization_id, feature, period_start, holder)"
                    + " DO UPDATE SET units = l.units + EXCLUDED.units, expires_at = EXCLUDED.expires_at",
                    granted, organization.value(), feature, periodStart,
                    organization.value(), feature, periodStart, holder, granted, expiresAt);
        }
        return granted;
    }

    @Override
    public OptionalLong spend(OrganizationId organization, String feature, Instant periodStart, String holder,
                              List<UsageRecord> records, Instant expiresAt) {
        if (lockCounter(organization, feature, periodStart).isEmpty()) {
            return OptionalLong.empty();
        }
        int size = records.size();
        UUID[] ids = new UUID[size];
        Long[] quantities = new Long[size];
        String[] metadata = new String[size];
        String[] by = new String[size];
        String[] at = new String[size];
        long n = 0;
        for (int i = 0; i < size; i++) {
            UsageRecord r = records.get(i);
            ids[i] = r.id();
            quantities[i] = r.quantity();
            metadata[i] = UsageRecordRows.toJson(r.metadata());
            by[i] = r.recordedBy();
            at[i] = r.recordedAt().toString();
            n += r.quantity();
        }
        return sql.one("WITH l AS (UPDATE usage_leases SET units = units - ?, expires_at = ?" + COUNTER
                + " AND holder = ? AND units >= ? RETURNING 1),"
                + " c AS (UPDATE usage_counters SET used = used + ?, reserved = reserved - ?" + COUNTER
                + " AND EXISTS (SELECT 1 FROM l) RETURNING used),"
                + " r AS (INSERT INTO usage_records (" + UsageRecordRows.COLUMNS + ")"
                + " SELECT t.id, ?, ?, t.q, t.m::jsonb, t.b, t.a::timestamptz"
                + " FROM unnest(?::uuid[], ?::bigint[], ?::text[], ?::text[], ?::text[]) AS t(id, q, m, b, a)"
                + " WHERE EXISTS (SELECT 1 FROM c))"
                + " SELECT used FROM c", rs -> OptionalLong.of(rs.getLong(1)),
                n, expiresAt, organization.value(), feature, periodStart, holder, n,
                n, n, organization.value(), feature, periodStart,
                organization.value(), feature, ids, quantities, metadata, by, at).orElse(OptionalLong.empty());
    }

    @Override
    public long release(OrganizationId organization, String feature, Instant periodStart, String holder, long units) {
        if (lockCounter(organization, feature, periodStart).isEmpty()) {
            return 0;
        }
        Optional<Long> held = sql.one("SELECT units FROM usage_leases" + COUNTER + " AND holder = ?", rs -> rs.getLong(1),
                organization.value(), feature, periodStart, holder);
        if (held.isEmpty()) {
            return 0;
        }
        long back = Math.min(units, held.get());
        if (back == held.get()) {
            sql.update("DELETE FROM usage_leases" + COUNTER + " AND holder = ?", organization.value(), feature, periodStart, holder);
        } else {
            sql.update("UPDATE usage_leases SET units = units - ?" + COUNTER + " AND holder = ?", back, organization.value(),
                    feature, periodStart, holder);
        }
        sql.update("UPDATE usage_counters SET reserved = reserved - ?" + COUNTER, back, organization.value(), feature, periodStart);
        return back;
    }

    @Override
    public long reclaimExpired(OrganizationId organization, String feature, Instant periodStart, Instant now) {
        if (lockCounter(organization, feature, periodStart).isEmpty()) {
            return 0;
        }
        return sql.one("WITH d AS (DELETE FROM usage_leases" + COUNTER + " AND expires_at < ? RETURNING units),"
                + " s AS (SELECT coalesce(sum(units), 0) AS back FROM d),"
                + " c AS (UPDATE usage_counters SET reserved = reserved - s.back FROM s" + COUNTER + " AND s.back > 0)"
                + " SELECT back FROM s", rs -> rs.getLong(1),
                organization.value(), feature, periodStart, now, organization.value(), feature, periodStart).orElse(0L);
    }
}
