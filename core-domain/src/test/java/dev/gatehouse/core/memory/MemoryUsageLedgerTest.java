package dev.gatehouse.core.memory;

import dev.gatehouse.core.contract.UsageLedgerContract;
import dev.gatehouse.core.entitlements.UsageLedger;
import dev.gatehouse.core.shared.Transactions;

class MemoryUsageLedgerTest extends UsageLedgerContract {
    private final MemoryTransactions tx = new MemoryTransactions();

    @Override
    protected UsageLedger ledger() {
        return new MemoryUsageLedger(tx);
    }

    @Override
    protected Transactions tx() {
        return tx;
    }
}
