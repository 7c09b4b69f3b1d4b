package dev.gatehouse.core.memory;

import dev.gatehouse.core.contract.UsageLeasesContract;
import dev.gatehouse.core.entitlements.EntitlementOverrides;
import dev.gatehouse.core.entitlements.UsageLedger;
import dev.gatehouse.core.shared.Transactions;

class MemoryUsageLeasesTest extends UsageLeasesContract {
    private final MemoryTransactions tx = new MemoryTransactions();
    private final MemoryEntitlementOverrides overrides = new MemoryEntitlementOverrides(tx);

    @Override
    protected UsageLedger ledger() {
        return new MemoryUsageLedger(tx);
    }

    @Override
    protected EntitlementOverrides overrides() {
        return overrides;
    }

    @Override
    protected Transactions tx() {
        return tx;
    }
}
