package dev.gatehouse.core.memory;

import dev.gatehouse.core.contract.TransactionsContract;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MemoryTransactionsTest extends TransactionsContract {
    @Override
    protected Stores stores() {
        MemoryTransactions tx = new MemoryTransactions();
        return new Stores(tx, new MemoryUsers(tx), new MemoryAuditLog(tx));
    }

    @Test
    void refusesToUpgradeAReadOnlyBlockToAWriteTransaction() {
        MemoryTransactions tx = new MemoryTransactions();
        assertThatThrownBy(() -> tx.readOnly(() -> tx.inTransaction(() -> 1)))
                .isInstanceOf(IllegalStateException.class);
    }
}
