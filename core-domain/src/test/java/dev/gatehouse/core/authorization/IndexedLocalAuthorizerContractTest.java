package dev.gatehouse.core.authorization;

import dev.gatehouse.core.TestClock;
import dev.gatehouse.core.contract.AuthorizerContract;
import dev.gatehouse.core.memory.MemoryTransactions;

import java.time.Duration;
import java.time.Instant;

/** The shared {@link Authorizer} contract for the local evaluator reading through a {@link RelationshipIndex}. */
class IndexedLocalAuthorizerContractTest extends AuthorizerContract {
    private final TestClock clock = new TestClock(Instant.parse("2026-03-01T00:00:00Z"));

    @Override
    protected Authorizer authorizer(String schema) {
        MemoryTransactions tx = new MemoryTransactions();
        // a small budget, so that eviction and objects too big to hold are exercised as well
        return LocalAuthorizer.create(Schema.parse(schema).value(), IndexedMemory.over(tx, 20), tx, clock).value();
    }

    @Override
    protected Instant now() {
        return clock.instant();
    }

    @Override
    protected void advanceClock(Duration d) {
        clock.advance(d);
    }
}
