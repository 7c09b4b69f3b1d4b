package dev.gatehouse.postgres;

import dev.gatehouse.core.entitlements.Allowance;
import dev.gatehouse.core.entitlements.EntitlementOverride;
import dev.gatehouse.core.entitlements.EntitlementOverrides;
import dev.gatehouse.core.shared.OrganizationId;

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
        Allowance a = o.allowance();
        sql.update("INSERT INTO entitlement_overrides (" + COLUMNS + ")"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (organization_id, feature) DO UPDATE SET"
                + " enabled = EXCLUDED.enabled, usage_limit = EXCLUDED.usage_limit, period = EXCLUDED.period,"
                + " soft = EXCLUDED.soft, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by",
                o.organization().value(), o.feature(), a.enabled(), a.limit(), a.period().wire(), a.soft(), o.updatedAt(),
                o.updatedBy());
    }

    @Override
    public Optional<EntitlementOverride> get(OrganizationId organization, String feature) {
        return sql.one("SELECT " + COLUMNS + " FROM entitlement_overrides WHERE organization_id = ? AND feature = ?",
                EntitlementOverrideRows::map, organization.value(), feature);
    }

    @Override
    public List<EntitlementOverride> of(OrganizationId organization) {
        return sql.query("SELECT " + COLUMNS + " FROM entitlement_overrides WHERE organization_id = ? ORDER BY feature",
                EntitlementOverrideRows::map, organization.value());
    }

}
