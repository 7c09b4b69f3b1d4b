package dev.gatehouse.bootstrap;

import dev.gatehouse.core.Stores;
import dev.gatehouse.core.approvals.ApprovalStores;
import dev.gatehouse.core.entitlements.EntitlementStores;
import dev.gatehouse.core.identity.IdentityStores;
import dev.gatehouse.core.keys.KeyStores;
import dev.gatehouse.core.memory.MemoryTransactions;
import dev.gatehouse.core.platform.PlatformStores;
import dev.gatehouse.core.roles.RoleStores;
import dev.gatehouse.core.sessions.SessionStores;
import dev.gatehouse.core.shared.ReadinessCheck;
import dev.gatehouse.core.shared.Transactions;
import dev.gatehouse.core.tenancy.TenancyStores;
import dev.gatehouse.core.tokens.TokenStores;
import dev.gatehouse.core.webhooks.WebhookStores;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * The embedded default: every store in memory, from the core's one memory provider
 * ({@link Stores#inMemory}), exposed one feature record at a time like {@code PostgresStores} does.
 * Nothing survives a restart.
 */
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
    Stores memoryStores(MemoryTransactions tx, Clock clock) {
        return Stores.inMemory(tx, clock);
    }

    @Singleton
    IdentityStores identityStores(Stores stores) {
        return stores.identity();
    }

    @Singleton
    SessionStores sessionStores(Stores stores) {
        return stores.sessions();
    }

    @Singleton
    TenancyStores tenancyStores(Stores stores) {
        return stores.tenancy();
    }

    @Singleton
    KeyStores keyStores(Stores stores) {
        return stores.keys();
    }

    @Singleton
    TokenStores tokenStores(Stores stores) {
        return stores.tokens();
    }

    @Singleton
    EntitlementStores entitlementStores(Stores stores) {
        return stores.entitlements();
    }

    @Singleton
    RoleStores roleStores(Stores stores) {
        return stores.roles();
    }

    @Singleton
    ApprovalStores approvalStores(Stores stores) {
        return stores.approvals();
    }

    @Singleton
    WebhookStores webhookStores(Stores stores) {
        return stores.webhooks();
    }

    /** Audit log, idempotency records, relationships, event outbox; rate-limit buckets exact for this process only. */
    @Singleton
    PlatformStores platformStores(Stores stores) {
        return stores.platform();
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
