package dev.gatehouse.postgres;

import dev.gatehouse.core.entitlements.UsageLedger;
import dev.gatehouse.core.entitlements.UsageRecord;
import dev.gatehouse.core.shared.OrganizationId;

import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

/**
 * {@link UsageLedger} in {@code usage_counters} and {@code usage_records}. The check-and-count is one
 * statement: an upsert whose update applies only while {@code used + quantity <= ceiling}
 * ({@code INSERT … ON CONFLICT DO UPDATE … WHERE … RETURNING used}). PostgreSQL evaluates that
 * condition on the latest committed row version under the row lock, so concurrent writers serialize
 * on the counter row without a separate {@code SELECT … FOR UPDATE} round trip, and no interleaving
 * can pass the ceiling. The lock is held until the caller's transaction ends: callers count last.
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
                + " DO UPDATE SET used = GREATEST(u.used + ?::bigint, 0) WHERE ?::bigint <= 0 OR u.used <= ?::bigint - ?::bigint"
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

}
