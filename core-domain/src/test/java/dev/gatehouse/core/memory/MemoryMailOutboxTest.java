package dev.gatehouse.core.memory;

import dev.gatehouse.core.contract.MailOutboxContract;
import dev.gatehouse.core.mail.MailOutbox;
import dev.gatehouse.core.shared.Transactions;

class MemoryMailOutboxTest extends MailOutboxContract {
    private MemoryTransactions tx;

    @Override
    protected MailOutbox outbox() {
        tx = new MemoryTransactions();
        return new MemoryMailOutbox(tx);
    }

    @Override
    protected Transactions transactions() {
        return tx;
    }
}
