package dev.gatehouse.core.memory;

import dev.gatehouse.core.contract.AuditLogContract;

class MemoryAuditLogTest extends AuditLogContract {
    private final MemoryTransactions tx = new MemoryTransactions();

    @Override
    protected dev.gatehouse.core.audit.AuditLog auditLog() {
        return new MemoryAuditLog(tx);
    }

    @Override
    protected dev.gatehouse.core.shared.Transactions transactions() {
        return tx;
    }
}
