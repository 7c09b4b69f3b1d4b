package dev.gatehouse.core.memory;

import dev.gatehouse.core.contract.AuditLogContract;

class MemoryAuditLogTest extends AuditLogContract {
    @Override
    protected dev.gatehouse.core.audit.AuditLog auditLog() {
        return new MemoryAuditLog(new MemoryTransactions());
    }
}
