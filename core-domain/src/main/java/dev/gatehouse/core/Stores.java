package dev.gatehouse.core;

import dev.gatehouse.core.approvals.ApprovalStores;
import dev.gatehouse.core.entitlements.EntitlementStores;
import dev.gatehouse.core.identity.IdentityStores;
import dev.gatehouse.core.keys.KeyStores;
import dev.gatehouse.core.memory.MemoryApprovalStores;
import dev.gatehouse.core.memory.MemoryEntitlementStores;
import dev.gatehouse.core.memory.MemoryIdentityStores;
import dev.gatehouse.core.memory.MemoryKeyStores;
import dev.gatehouse.core.memory.MemoryPlatformStores;
import dev.gatehouse.core.memory.MemoryRoleStores;
import dev.gatehouse.core.memory.MemorySessionStores;
import dev.gatehouse.core.memory.MemoryTenancyStores;
import dev.gatehouse.core.memory.MemoryTokenStores;
import dev.gatehouse.core.memory.MemoryTransactions;
import dev.gatehouse.core.memory.MemoryWebhookStores;
import dev.gatehouse.core.platform.PlatformStores;
import dev.gatehouse.core.roles.RoleStores;
import dev.gatehouse.core.sessions.SessionStores;
import dev.gatehouse.core.tenancy.TenancyStores;
import dev.gatehouse.core.tokens.TokenStores;
import dev.gatehouse.core.webhooks.WebhookStores;

import java.time.Clock;
import java.util.Objects;

/**
 * Every store one Gatehouse runs on: one record per feature ({@code XStores}) and the shared
 * {@link PlatformStores}. {@link #inMemory} is the only place the memory defaults are chosen; the
 * server's PostgreSQL adapter provides each record from one method of its factory. An embedder
 * replaces one feature's stores with a {@code with…} copy: {@code Stores.inMemory(tx, clock).withKeys(mine)}.
 */
public record Stores(IdentityStores identity, SessionStores sessions, TenancyStores tenancy, KeyStores keys, TokenStores tokens,
                     EntitlementStores entitlements, RoleStores roles, ApprovalStores approvals, WebhookStores webhooks,
                     PlatformStores platform) {
    public Stores {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(sessions, "sessions");
        Objects.requireNonNull(tenancy, "tenancy");
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(entitlements, "entitlements");
        Objects.requireNonNull(roles, "roles");
        Objects.requireNonNull(approvals, "approvals");
        Objects.requireNonNull(webhooks, "webhooks");
        Objects.requireNonNull(platform, "platform");
    }

    /**
     * Every store in memory, joining {@code tx}: nothing survives the process. The webhook deliveries
     * fan out from this record's event outbox and judge "settled" events by {@code clock}.
     */
    public static Stores inMemory(MemoryTransactions tx, Clock clock) {
        PlatformStores platform = MemoryPlatformStores.create(tx);
        return new Stores(MemoryIdentityStores.create(tx), MemorySessionStores.create(tx), MemoryTenancyStores.create(tx),
                MemoryKeyStores.create(tx), MemoryTokenStores.create(tx), MemoryEntitlementStores.create(tx),
                MemoryRoleStores.create(tx), MemoryApprovalStores.create(tx),
                MemoryWebhookStores.create(tx, platform.eventOutbox(), clock), platform);
    }

    public Stores withIdentity(IdentityStores identity) {
        return new Stores(identity, sessions, tenancy, keys, tokens, entitlements, roles, approvals, webhooks, platform);
    }

    public Stores withKeys(KeyStores keys) {
        return new Stores(identity, sessions, tenancy, keys, tokens, entitlements, roles, approvals, webhooks, platform);
    }

    public Stores withTokens(TokenStores tokens) {
        return new Stores(identity, sessions, tenancy, keys, tokens, entitlements, roles, approvals, webhooks, platform);
    }

    public Stores withPlatform(PlatformStores platform) {
        return new Stores(identity, sessions, tenancy, keys, tokens, entitlements, roles, approvals, webhooks, platform);
    }
}
