package dev.gatehouse.core.memory;

import dev.gatehouse.core.contract.RelationshipOutboxContract;

class MemoryRelationshipOutboxTest extends RelationshipOutboxContract {
    @Override
    protected Stores stores() {
        MemoryTransactions tx = new MemoryTransactions();
        return new Stores(tx, new MemoryRelationshipOutbox(tx));
    }
}
