package dev.gatehouse.postgres;

import dev.gatehouse.core.entitlements.Allowance;
import dev.gatehouse.core.entitlements.EntitlementOverride;
import dev.gatehouse.core.entitlements.EntitlementOverrides;
import dev.gatehouse.core.entitlements.Period;
import dev.gatehouse.core.shared.OrganizationId;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link EntitlementOverrides} in {@code entitlement_overrides}, upserted by (organization, feature). */
final class JdbcEntitlementOverrides implements EntitlementOverrides {
    private static final String COLUMNS = "organization_id, feature, enabled, usage_limit, period, soft, updated_at, updated_by";

    private final Sql sql;

    JdbcEntitlementOverrides(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void put(EntitlementOverride o) {
        sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO entitlement_overrides (" + COLUMNS + ")"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (organization_id, feature) DO UPDATE SET"
                    + " enabled = EXCLUDED.enabled, usage_limit = EXCLUDED.usage_limit, period = EXCLUDED.period,"
                    + " soft = EXCLUDED.soft, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by")) {
                Allowance a = o.allowance();
                ps.setObject(1, o.organization().value());
                ps.setString(2, o.feature());
                ps.setBoolean(3, a.enabled());
                if (a.limit() == null) {
                    ps.setNull(4, Types.BIGINT);
                } else {
                    ps.setLong(4, a.limit());
                }
                ps.setString(5, a.period().wire());
                ps.setBoolean(6, a.soft());
                Sql.setInstant(ps, 7, o.updatedAt());
                ps.setString(8, o.updatedBy());
                ps.executeUpdate();
                return null;
            }
        });
    }

    @Override
    public Optional<EntitlementOverride> get(OrganizationId organization, String feature) {
        return sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM entitlement_overrides WHERE organization_id = ? AND feature = ?")) {
                ps.setObject(1, organization.value());
                ps.setString(2, feature);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(fromRow(rs)) : Optional.<EntitlementOverride>empty();
                }
            }
        });
    }

    @Override
    public List<EntitlementOverride> of(OrganizationId organization) {
        return sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM entitlement_overrides WHERE organization_id = ? ORDER BY feature")) {
                ps.setObject(1, organization.value());
                List<EntitlementOverride> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(fromRow(rs));
                    }
                }
                return out;
            }
        });
    }

    private static EntitlementOverride fromRow(ResultSet rs) throws SQLException {
        long limit = rs.getLong("usage_limit");
        Long usageLimit = rs.wasNull() ? null : limit;
        Period period = Period.parse(rs.getString("period")).orElseThrow(
                () -> new IllegalStateException("unknown period in entitlement_overrides"));
        return new EntitlementOverride(new OrganizationId(rs.getObject("organization_id", java.util.UUID.class)),
                rs.getString("feature"), new Allowance(rs.getBoolean("enabled"), usageLimit, period, rs.getBoolean("soft")),
                Sql.instant(rs, "updated_at"), rs.getString("updated_by"));
    }
}
