package dev.gatehouse.core.memory;

import dev.gatehouse.core.entitlements.EntitlementStores;

/** The entitlements feature's stores in memory. */
public final class MemoryEntitlementStores {
    private MemoryEntitlementStores() {
    }

    public static EntitlementStores create(MemoryTransactions tx) {
        return new EntitlementStores(new MemoryEntitlementOverrides(tx), new MemoryUsageLedger(tx));
    }
}
