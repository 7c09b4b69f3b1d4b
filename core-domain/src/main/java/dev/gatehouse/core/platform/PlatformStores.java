package dev.gatehouse.core.platform;

import dev.gatehouse.core.audit.AuditLog;
import dev.gatehouse.core.authorization.Relationships;
import dev.gatehouse.core.events.EventOutbox;
import dev.gatehouse.core.idempotency.IdempotencyRecords;
import dev.gatehouse.core.ratelimit.RateLimitStore;

import java.util.Objects;

/**
 * The driven ports every feature shares rather than owns: the audit log, the idempotency records,
 * the relationships the local authorizer reads, the domain-event outbox and the rate-limit buckets.
 * Providers: {@code MemoryPlatformStores} (core, in memory) and the PostgreSQL adapter's factory.
 */
public record PlatformStores(AuditLog auditLog, IdempotencyRecords idempotencyRecords, Relationships relationships,
                             EventOutbox eventOutbox, RateLimitStore rateLimitStore) {
    public PlatformStores {
        Objects.requireNonNull(auditLog, "auditLog");
        Objects.requireNonNull(idempotencyRecords, "idempotencyRecords");
        Objects.requireNonNull(relationships, "relationships");
        Objects.requireNonNull(eventOutbox, "eventOutbox");
        Objects.requireNonNull(rateLimitStore, "rateLimitStore");
    }
}
