package dev.gatehouse.core.entitlements;

import java.util.Objects;

/**
 * The entitlements feature's driven ports: per-organization overrides and the usage ledger.
 * Providers: {@code MemoryEntitlementStores} (core, in memory) and the PostgreSQL adapter's factory.
 */
public record EntitlementStores(EntitlementOverrides overrides, UsageLedger usageLedger) {
    public EntitlementStores {
        Objects.requireNonNull(overrides, "overrides");
        Objects.requireNonNull(usageLedger, "usageLedger");
    }
}
