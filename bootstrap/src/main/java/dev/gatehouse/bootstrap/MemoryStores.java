package dev.gatehouse.bootstrap;

import dev.gatehouse.core.audit.AuditLog;
import dev.gatehouse.core.authorization.Relationships;
import dev.gatehouse.core.identity.IdentityStores;
import dev.gatehouse.core.idempotency.IdempotencyRecords;
import dev.gatehouse.core.events.EventOutbox;
import dev.gatehouse.core.memory.MemoryAuditLog;
import dev.gatehouse.core.memory.MemoryEventOutbox;
import dev.gatehouse.core.memory.MemoryIdempotencyRecords;
import dev.gatehouse.core.memory.MemoryRelationships;
import dev.gatehouse.core.memory.MemoryTransactions;
import dev.gatehouse.core.memory.MemoryTenancyStores;
import dev.gatehouse.core.tenancy.TenancyStores;
import dev.gatehouse.core.memory.MemoryIdentityStores;
import dev.gatehouse.core.shared.ReadinessCheck;
import dev.gatehouse.core.shared.Transactions;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/** The embedded default: every store in memory. Nothing survives a restart. */
@Factory
@Requires(property = "gatehouse.store", value = "memory", defaultValue = "memory")
class MemoryStores {

    @Singleton
    MemoryTransactions memoryTransactions() {
        return new MemoryTransactions();
    }

    @Singleton
    Transactions transactions(MemoryTransactions tx) {
        return tx;
    }

    @Singleton
    IdentityStores identityStores(MemoryTransactions tx) {
        return MemoryIdentityStores.create(tx);
    }

    @Singleton
    dev.gatehouse.core.sessions.SessionStores sessionStores(MemoryTransactions tx) {
        return dev.gatehouse.core.memory.MemorySessionStores.create(tx);
    }

    @Singleton
    AuditLog auditLog(MemoryTransactions tx) {
        return new MemoryAuditLog(tx);
    }

    @Singleton
    EventOutbox eventOutbox(MemoryTransactions tx) {
        return new MemoryEventOutbox(tx);
    }

    @Singleton
    dev.gatehouse.core.memory.MemoryWebhookEndpoints webhookEndpoints(MemoryTransactions tx) {
        return new dev.gatehouse.core.memory.MemoryWebhookEndpoints(tx);
    }

    @Singleton
    dev.gatehouse.core.webhooks.WebhookDeliveries webhookDeliveries(MemoryTransactions tx, EventOutbox outbox,
                                                                     dev.gatehouse.core.memory.MemoryWebhookEndpoints endpoints,
                                                                     java.time.Clock clock) {
        return new dev.gatehouse.core.memory.MemoryWebhookDeliveries(tx, outbox, endpoints, clock);
    }

    @Singleton
    IdempotencyRecords idempotencyRecords() {
        return new MemoryIdempotencyRecords();
    }

    @Singleton
    dev.gatehouse.core.tokens.TokenStores tokenStores(MemoryTransactions tx) {
        return dev.gatehouse.core.memory.MemoryTokenStores.create(tx);
    }

    @Singleton
    Relationships relationships(MemoryTransactions tx) {
        return new MemoryRelationships(tx);
    }

    @Singleton
    TenancyStores tenancyStores(MemoryTransactions tx) {
        return MemoryTenancyStores.create(tx);
    }

    @Singleton
    dev.gatehouse.core.roles.RoleStores roleStores(MemoryTransactions tx) {
        return dev.gatehouse.core.memory.MemoryRoleStores.create(tx);
    }

    @Singleton
    dev.gatehouse.core.keys.KeyStores keyStores(MemoryTransactions tx) {
        return dev.gatehouse.core.memory.MemoryKeyStores.create(tx);
    }

    /** Token buckets in this process: exact, not shared with other instances. */
    @Singleton
    dev.gatehouse.core.ratelimit.RateLimitStore rateLimitStore() {
        return new dev.gatehouse.core.memory.MemoryRateLimitStore();
    }

    @Singleton
    dev.gatehouse.core.entitlements.EntitlementStores entitlementStores(MemoryTransactions tx) {
        return dev.gatehouse.core.memory.MemoryEntitlementStores.create(tx);
    }

    @Singleton
    dev.gatehouse.core.approvals.AccessRequests accessRequests(MemoryTransactions tx) {
        return new dev.gatehouse.core.memory.MemoryAccessRequests(tx);
    }

    @Singleton
    dev.gatehouse.core.approvals.AccessPolicies accessPolicies(MemoryTransactions tx) {
        return new dev.gatehouse.core.memory.MemoryAccessPolicies(tx);
    }

    @Singleton
    dev.gatehouse.core.approvals.Workflows workflows(MemoryTransactions tx) {
        return new dev.gatehouse.core.memory.MemoryWorkflows(tx);
    }

    @Singleton
    ReadinessCheck memoryStore() {
        return new ReadinessCheck() {
            public String name() {
                return "database";
            }

            public Status check() {
                return Status.up("memory (embedded default, not persisted)");
            }
        };
    }
}
