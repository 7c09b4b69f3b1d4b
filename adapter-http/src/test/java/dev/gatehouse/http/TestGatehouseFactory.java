package dev.gatehouse.http;

import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.authorization.LocalAuthorizer;
import dev.gatehouse.core.authorization.PermissionCatalog;
import dev.gatehouse.core.identity.CreateUser;
import dev.gatehouse.core.identity.Pbkdf2PasswordHasher;
import dev.gatehouse.core.memory.MemoryRelationships;
import dev.gatehouse.core.memory.MemoryTransactions;
import dev.gatehouse.core.shared.Caller;
import io.micronaut.context.annotation.Factory;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * What bootstrap provides in production: a {@link Gatehouse} (here on memory stores with a fast
 * hasher, and the local authorizer over the product schema behind a switch that tests can make
 * fail) with one platform admin.
 */
@Factory
class TestGatehouseFactory {
    static final String ADMIN_EMAIL = "admin@example.com";
    static final String ADMIN_PASSWORD = "correct-horse-battery";

    private final MemoryTransactions tx = new MemoryTransactions();
    private final MemoryRelationships relationships = new MemoryRelationships(tx);
    private final java.util.concurrent.atomic.AtomicReference<dev.gatehouse.core.lifecycle.Dependent> sessionsCascade =
            new java.util.concurrent.atomic.AtomicReference<>(ending -> { });

    @Singleton
    SwitchableAuthorizer authorizer() {
        return new SwitchableAuthorizer(LocalAuthorizer.create(PermissionCatalog.productSchemaParsed(), relationships, tx,
                Clock.systemUTC()).value());
    }

    /** The system clock, unless a test registers its own (see {@code RateLimitsApiTest}). */
    @Singleton
    @io.micronaut.context.annotation.Requires(missingBeans = Clock.class)
    Clock clock() {
        return Clock.systemUTC();
    }

    /** The API keys feature, as bootstrap's {@code KeyFactory} provides it. */
    @Singleton
    dev.gatehouse.core.keys.KeyUseCases keyUseCases(Gatehouse gatehouse) {
        return gatehouse.keys();
    }

    /** The entitlements feature, as bootstrap's {@code EntitlementFactory} provides it. */
    @Singleton
    dev.gatehouse.core.entitlements.EntitlementUseCases entitlementUseCases(Gatehouse gatehouse) {
        return gatehouse.entitlements();
    }

    /** @param clock a test's own clock (see {@code RateLimitsApiTest}); the system clock otherwise */
    @Singleton
    Gatehouse gatehouse(SwitchableAuthorizer authorizer, @Nullable Clock clock) {
        Gatehouse gatehouse = Gatehouse.builder().clock(clock == null ? Clock.systemUTC() : clock)
                .lifecycleDependent(ending -> sessionsCascade.get().end(ending))
                .passwordHasher(new Pbkdf2PasswordHasher(1_000))
                .transactions(tx).relationships(relationships).authorizer(authorizer)
                // webhooks: the tests' receivers listen on loopback over plain http
                .webhookGuard(new dev.gatehouse.core.webhooks.UrlGuard(true,
                        dev.gatehouse.core.webhooks.UrlGuard.cidrs("127.0.0.0/8,::1/128"), java.net.InetAddress::getAllByName))
                .build();
        var created = gatehouse.createUser().handle(
                new CreateUser.Command(Caller.system("test"), ADMIN_EMAIL, ADMIN_PASSWORD, "Ada Admin", true));
        if (!created.isOk()) {
            throw new IllegalStateException(created.failure().toString());
        }
        return gatehouse;
    }

    /** The sessions feature over the same transactions (bootstrap's {@code SessionWiring} in production). */
    @Singleton
    dev.gatehouse.core.sessions.UserSessions userSessions(Gatehouse gatehouse) {
        var p = gatehouse.ports();
        var sessions = dev.gatehouse.core.sessions.UserSessions.wire(new dev.gatehouse.core.memory.MemorySessions(tx), p.users(),
                p.memberships(), p.organizations(), gatehouse.auditor(), new dev.gatehouse.core.events.Events(p.eventOutbox(),
                        p.clock(), p.ids()), p.transactions(), p.clock(), p.ids());
        sessionsCascade.set(sessions.cascade());
        return sessions;
    }

    /** The mail outbox in memory over the same transactions (bootstrap's {@code MailWiring} in production). */
    @Singleton
    dev.gatehouse.core.mail.MailOutbox mailOutbox() {
        return new dev.gatehouse.core.memory.MemoryMailOutbox(tx);
    }

    @Singleton
    dev.gatehouse.core.mail.ListMailDeliveries listMailDeliveries(dev.gatehouse.core.mail.MailOutbox outbox) {
        return new dev.gatehouse.core.mail.ListMailDeliveries(outbox, tx);
    }

    /** The onboarding feature (bootstrap's {@code OnboardingWiring} in production). */
    @Singleton
    dev.gatehouse.core.tenancy.Onboarding onboarding(Gatehouse gatehouse) {
        var p = gatehouse.ports();
        return dev.gatehouse.core.tenancy.Onboarding.wire(p.invitations(), p.users(), p.passwordHasher(), gatehouse.acceptInvitation(),
                gatehouse.auditor(), new dev.gatehouse.core.events.Events(p.eventOutbox(), p.clock(), p.ids()), p.transactions(),
                p.clock(), p.ids());
    }

    /** The audit trail feature over the same stores (bootstrap's {@code AuditWiring} in production). */
    @Singleton
    dev.gatehouse.core.audit.AuditTrail auditTrail(Gatehouse gatehouse) {
        var p = gatehouse.ports();
        return dev.gatehouse.core.audit.AuditTrail.wire(p.auditLog(), p.organizations()::live, p.authorizer(), gatehouse.auditor(),
                p.transactions(), p.clock(), dev.gatehouse.core.audit.AuditTrail.Settings.defaults());
    }
}
