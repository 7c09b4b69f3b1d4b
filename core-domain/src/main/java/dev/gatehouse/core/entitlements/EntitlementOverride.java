package dev.gatehouse.core.entitlements;

import dev.gatehouse.core.shared.OrganizationId;

import java.time.Instant;
import java.util.Objects;

/** An organization's own allowance for a feature, replacing its plan's; set by a platform admin. */
public record EntitlementOverride(OrganizationId organization, String feature, Allowance allowance, Instant updatedAt,
                                  String updatedBy) {
    public EntitlementOverride {
        Objects.requireNonNull(organization, "organization");
        Objects.requireNonNull(feature, "feature");
        Objects.requireNonNull(allowance, "allowance");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(updatedBy, "updatedBy");
    }
}
