package dev.gatehouse.core.authorization;

import dev.gatehouse.core.memory.MemoryTransactions;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * {@link SpiceDbConformanceTest} with the evaluator reading through a {@link RelationshipIndex} (a
 * budget of 50 relationships, so objects are dropped and reloaded, and bigger ones read but not held):
 * the same files pass and check, lookup-resources and lookup-subjects agree as without it.
 */
class IndexedSpiceDbConformanceTest extends SpiceDbConformanceTest {
    private static final ValidationRunner INDEXED = new ValidationRunner(
            Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC), () -> {
        MemoryTransactions tx = new MemoryTransactions();
        return new ValidationRunner.Store(IndexedMemory.over(tx, 50), tx);
    });

    @Override
    ValidationRunner runner() {
        return INDEXED;
    }
}
