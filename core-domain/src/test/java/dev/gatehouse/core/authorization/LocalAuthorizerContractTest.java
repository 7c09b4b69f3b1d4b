package dev.gatehouse.core.authorization;

import dev.gatehouse.core.TestClock;
import dev.gatehouse.core.contract.AuthorizerContract;
import dev.gatehouse.core.memory.MemoryRelationships;
import dev.gatehouse.core.memory.MemoryTransactions;

import java.time.Duration;
import java.time.Instant;

/** The shared {@link Authorizer} contract for the local evaluator over memory relationships. */
class LocalAuthorizerContractTest extends AuthorizerContract {
    final TestClock clock = new TestClock(Instant.parse("2026-03-01T00:00:00Z"));

    @Override
    protected Authorizer authorizer(String schema) {
        MemoryTransactions tx = new MemoryTransactions();
        return LocalAuthorizer.create(Schema.parse(schema).value(), new MemoryRelationships(tx), tx, clock).value();
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
