package dev.gatehouse.core.authorization;

import dev.gatehouse.core.memory.MemoryTransactions;

/** The shared {@link Authorizer} contract for the local evaluator reading through a {@link RelationshipIndex}. */
class IndexedLocalAuthorizerContractTest extends LocalAuthorizerContractTest {

    @Override
    protected Authorizer authorizer(String schema) {
        MemoryTransactions tx = new MemoryTransactions();
        // a small budget, so that eviction and objects too big to hold are exercised as well
        return LocalAuthorizer.create(Schema.parse(schema).value(), IndexedMemory.over(tx, 20), tx, clock).value();
    }
}
