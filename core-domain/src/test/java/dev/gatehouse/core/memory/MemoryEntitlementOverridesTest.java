package dev.gatehouse.core.memory;

import dev.gatehouse.core.contract.EntitlementOverridesContract;
import dev.gatehouse.core.entitlements.EntitlementOverrides;
import dev.gatehouse.core.shared.Transactions;

class MemoryEntitlementOverridesTest extends EntitlementOverridesContract {
    private final MemoryTransactions tx = new MemoryTransactions();

    @Override
    protected EntitlementOverrides overrides() {
        return new MemoryEntitlementOverrides(tx);
    }

    @Override
    protected Transactions tx() {
        return tx;
    }
}
