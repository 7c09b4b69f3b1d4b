package dev.gatehouse.postgres;

import dev.gatehouse.core.entitlements.Allowance;
import dev.gatehouse.core.entitlements.EntitlementOverride;
import dev.gatehouse.core.entitlements.Period;
import dev.gatehouse.core.shared.OrganizationId;

import java.sql.ResultSet;
import java.sql.SQLException;

/** The row mapper of {@code entitlement_overrides} (a null {@code usage_limit} is unlimited). */
final class EntitlementOverrideRows {
    private EntitlementOverrideRows() {
    }

    static EntitlementOverride map(ResultSet rs) throws SQLException {
        long limit = rs.getLong("usage_limit");
        Long usageLimit = rs.wasNull() ? null : limit;
        Period period = Period.parse(rs.getString("period")).orElseThrow(
                () -> new IllegalStateException("unknown period in entitlement_overrides"));
        return new EntitlementOverride(new OrganizationId(rs.getObject("organization_id", java.util.UUID.class)),
                rs.getString("feature"), new Allowance(rs.getBoolean("enabled"), usageLimit, period, rs.getBoolean("soft")),
                Sql.instant(rs, "updated_at"), rs.getString("updated_by"));
    }
}
