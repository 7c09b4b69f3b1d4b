package dev.gatehouse.core.memory;

import dev.gatehouse.core.contract.EventOutboxContract;
import dev.gatehouse.core.events.EventOutbox;

class MemoryEventOutboxTest extends EventOutboxContract {
    @Override
    protected EventOutbox outbox() {
        return new MemoryEventOutbox(new MemoryTransactions());
    }
}
