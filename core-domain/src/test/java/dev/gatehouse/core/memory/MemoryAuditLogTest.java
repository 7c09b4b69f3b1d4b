package dev.gatehouse.core.memory;

import dev.gatehouse.core.audit.AuditEvent;
import dev.gatehouse.core.audit.AuditQuery;
import dev.gatehouse.core.contract.AuditLogContract;
import dev.gatehouse.core.contract.Fixtures;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

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

    @Test
    void keepsTheNewestEntriesUpToItsCapacity() {
        MemoryAuditLog log = new MemoryAuditLog(tx, 3);
        for (int i = 1; i <= 5; i++) {
            log.append(Fixtures.event(Fixtures.at(i), "usr_a", "e." + i, "project", "prj_" + i, null, null));
        }
        assertThat(log.slice(AuditQuery.all(), null, 10)).extracting(AuditEvent::action).containsExactly("e.3", "e.4", "e.5");
        log.append(Fixtures.event(Fixtures.at(6), "usr_a", "e.6", "project", "prj_6", null, null));
        assertThat(log.find(AuditQuery.all(), null, 10).items()).extracting(AuditEvent::action)
                .containsExactly("e.6", "e.5", "e.4");
    }
}
