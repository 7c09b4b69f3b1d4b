package dev.gatehouse.core.memory;

import dev.gatehouse.core.platform.PlatformStores;

/**
 * The shared stores in memory: audit log, relationships and event outbox join the memory
 * transactions; idempotency records and rate-limit buckets are exact for this process only.
 */
public final class MemoryPlatformStores {
    private MemoryPlatformStores() {
    }

    public static PlatformStores create(MemoryTransactions tx) {
        return new PlatformStores(new MemoryAuditLog(tx), new MemoryIdempotencyRecords(), new MemoryRelationships(tx),
                new MemoryEventOutbox(tx), new MemoryRateLimitStore());
    }
}
