package dev.gatehouse.core.entitlements;

import dev.gatehouse.core.shared.OrganizationId;

import java.util.List;
import java.util.Optional;

/** Per-organization overrides of plan allowances, one per (organization, feature). */
public interface EntitlementOverrides {
    /** Stores the override, replacing the organization's previous one for the feature. */
    void put(EntitlementOverride override);

    Optional<EntitlementOverride> get(OrganizationId organization, String feature);

    /** The organization's overrides, by feature. */
    List<EntitlementOverride> of(OrganizationId organization);
}
