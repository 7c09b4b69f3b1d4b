package dev.gatehouse.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.core.entitlements.UsageLedger;
import dev.gatehouse.core.entitlements.UsageRecord;
import dev.gatehouse.core.shared.OrganizationId;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * {@link UsageLedger} in {@code usage_counters} and {@code usage_records}. The check-and-count is one
 * statement: an upsert whose update applies only while {@code used + quantity <= ceiling}
 * ({@code INSERT … ON CONFLICT DO UPDATE … WHERE … RETURNING used}). PostgreSQL evaluates that
 * condition on the latest committed row version under the row lock, so concurrent writers serialize
 * on the counter row without a separate {@code SELECT … FOR UPDATE} round trip, and no interleaving
 * can pass the ceiling. The lock is held until the caller's transaction ends: callers count last.
 */
final class JdbcUsageLedger implements UsageLedger {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final Sql sql;

    JdbcUsageLedger(Sql sql) {
        this.sql = sql;
    }

    @Override
    public OptionalLong add(OrganizationId organization, String feature, Instant periodStart, long quantity, long ceiling) {
        if (quantity > 0 && quantity > ceiling) {
            return OptionalLong.empty();
        }
        return sql.run(c -> {
            // used <= ceiling - quantity: never overflows (quantity <= ceiling here).
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO usage_counters AS u (organization_id, feature,"
                    + " period_start, used) VALUES (?, ?, ?, GREATEST(?::bigint, 0)) ON CONFLICT (organization_id, feature, period_start)"
                    + " DO UPDATE SET used = GREATEST(u.used + ?::bigint, 0) WHERE ?::bigint <= 0 OR u.used <= ?::bigint - ?::bigint"
                    + " RETURNING used")) {
                ps.setObject(1, organization.value());
                ps.setString(2, feature);
                Sql.setInstant(ps, 3, periodStart);
                ps.setLong(4, quantity);
                ps.setLong(5, quantity);
                ps.setLong(6, quantity);
                ps.setLong(7, ceiling);
                ps.setLong(8, Math.max(quantity, 0));
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
                }
            }
        });
    }

    @Override
    public long used(OrganizationId organization, String feature, Instant periodStart) {
        return sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT used FROM usage_counters"
                    + " WHERE organization_id = ? AND feature = ? AND period_start = ?")) {
                ps.setObject(1, organization.value());
                ps.setString(2, feature);
                Sql.setInstant(ps, 3, periodStart);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0L;
                }
            }
        });
    }

    @Override
    public boolean markThreshold(OrganizationId organization, String feature, Instant periodStart, int percent) {
        return sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE usage_counters SET notified_percent = ?"
                    + " WHERE organization_id = ? AND feature = ? AND period_start = ? AND notified_percent < ?")) {
                ps.setInt(1, percent);
                ps.setObject(2, organization.value());
                ps.setString(3, feature);
                Sql.setInstant(ps, 4, periodStart);
                ps.setInt(5, percent);
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public void append(UsageRecord r) {
        String metadata;
        try {
            metadata = JSON.writeValueAsString(r.metadata());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("usage metadata is not representable as JSON: " + e.getOriginalMessage(), e);
        }
        sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO usage_records (id, organization_id, feature, quantity,"
                    + " metadata, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?::jsonb, ?, ?)")) {
                ps.setObject(1, r.id());
                ps.setObject(2, r.organization().value());
                ps.setString(3, r.feature());
                ps.setLong(4, r.quantity());
                ps.setString(5, metadata);
                ps.setString(6, r.recordedBy());
                Sql.setInstant(ps, 7, r.recordedAt());
                ps.executeUpdate();
                return null;
            }
        });
    }

    @Override
    public List<UsageRecord> records(OrganizationId organization, String feature, int limit) {
        return sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, organization_id, feature, quantity, metadata, recorded_by,"
                    + " recorded_at FROM usage_records WHERE organization_id = ? AND feature = ?"
                    + " ORDER BY recorded_at DESC, id DESC LIMIT ?")) {
                ps.setObject(1, organization.value());
                ps.setString(2, feature);
                ps.setInt(3, limit);
                List<UsageRecord> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new UsageRecord(rs.getObject("id", UUID.class), new OrganizationId(rs.getObject("organization_id",
                                UUID.class)), rs.getString("feature"), rs.getLong("quantity"), metadata(rs.getString("metadata")),
                                rs.getString("recorded_by"), Sql.instant(rs, "recorded_at")));
                    }
                }
                return out;
            }
        });
    }

    private static Map<String, Object> metadata(String json) {
        try {
            return JSON.readValue(json, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("usage metadata in the database is not a JSON object: " + e.getOriginalMessage(), e);
        }
    }
}
