package dev.gatehouse.http;

import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.Settings;
import dev.gatehouse.core.Stores;
import dev.gatehouse.core.authorization.LocalAuthorizer;
import dev.gatehouse.core.authorization.PermissionCatalog;
import dev.gatehouse.core.identity.CreateUser;
import dev.gatehouse.core.identity.Pbkdf2PasswordHasher;
import dev.gatehouse.core.memory.MemoryRelationships;
import dev.gatehouse.core.memory.MemoryTransactions;
import dev.gatehouse.core.platform.PlatformStores;
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

    /** The tenancy feature, as bootstrap's {@code TenancyFactory} provides it. */
    @Singleton
    dev.gatehouse.core.tenancy.TenancyUseCases tenancyUseCases(Gatehouse gatehouse) {
        return gatehouse.tenancy();
    }

    /** The entitlements feature, as bootstrap's {@code EntitlementFactory} provides it. */
    @Singleton
    dev.gatehouse.core.entitlements.EntitlementUseCases entitlementUseCases(Gatehouse gatehouse) {
        return gatehouse.entitlements();
    }

    /** The token feature, as bootstrap's {@code TokenFactory} provides it. */
    @Singleton
    dev.gatehouse.core.tokens.TokenUseCases tokenUseCases(Gatehouse gatehouse) {
        return gatehouse.tokens();
    }

    /** Session authentication, as bootstrap's {@code TokenFactory} provides it. */
    @Singleton
    dev.gatehouse.core.tokens.AuthenticateSessionToken authenticateSessionToken(Gatehouse gatehouse,
                                                                                dev.gatehouse.core.sessions.UserSessions sessions) {
        return new dev.gatehouse.core.tokens.AuthenticateSessionToken(gatehouse.tokens().verifySessionToken(), sessions,
                gatehouse.identity().authenticateSession());
    }

    /** @param clock a test's own clock (see {@code RateLimitsApiTest}); the system clock otherwise */
    @Singleton
    Gatehouse gatehouse(SwitchableAuthorizer authorizer, @Nullable Clock clock,
                        @io.micronaut.context.annotation.Value("${gatehouse.http.issuer:gatehouse}") String sessionIssuer) {
        Clock time = clock == null ? Clock.systemUTC() : clock;
        var memory = Stores.inMemory(tx, time);
        var shared = memory.platform(); // with the relationships the authorizer above reads
        Gatehouse gatehouse = Gatehouse.builder().clock(time)
                .settings(Settings.defaults().withSessionTokenIssuer(sessionIssuer))
                .passwordHasher(new Pbkdf2PasswordHasher(1_000))
                .transactions(tx).stores(memory.withPlatform(new PlatformStores(shared.auditLog(), shared.idempotencyRecords(),
                        relationships, shared.eventOutbox(), shared.rateLimitStore()))).authorizer(authorizer)
                // webhooks: the tests' receivers listen on loopback over plain http
                .webhookGuard(new dev.gatehouse.core.webhooks.UrlGuard(true,
                        dev.gatehouse.core.webhooks.UrlGuard.cidrs("127.0.0.0/8,::1/128"), java.net.InetAddress::getAllByName))
                .build();
        var created = gatehouse.identity().createUser().handle(
                new CreateUser.Command(Caller.system("test"), ADMIN_EMAIL, ADMIN_PASSWORD, "Ada Admin", true));
        if (!created.isOk()) {
            throw new IllegalStateException(created.failure().toString());
        }
        return gatehouse;
    }

    /** The identity feature, as bootstrap's {@code IdentityFactory} provides it. */
    @Singleton
    dev.gatehouse.core.identity.IdentityUseCases identityUseCases(Gatehouse gatehouse) {
        return gatehouse.identity();
    }

    /** The sessions feature (sessions and the sign-up by invitation), as bootstrap's {@code IdentityFactory} provides it. */
    @Singleton
    dev.gatehouse.core.sessions.SessionUseCases sessionUseCases(Gatehouse gatehouse) {
        return gatehouse.sessions();
    }

    @Singleton
    dev.gatehouse.core.sessions.UserSessions userSessions(Gatehouse gatehouse) {
        return gatehouse.sessions().sessions();
    }

    /** The mail outbox in memory over the same transactions (bootstrap's {@code MailWiring} in production). */
    @Singleton
    dev.gatehouse.core.mail.MailOutbox mailOutbox() {
        return new dev.gatehouse.core.memory.MemoryMailOutbox(tx);
    }

    /** Open sign-up over the test's mail outbox, as bootstrap's {@code SignUpWiring} provides it ({@code gatehouse.signup}, default invite). */
    @Singleton
    dev.gatehouse.core.signup.SignUpUseCases signUpUseCases(Gatehouse gatehouse, dev.gatehouse.core.mail.MailOutbox outbox,
                                                            @io.micronaut.context.annotation.Value("${gatehouse.signup:invite}") String mode) {
        var p = gatehouse.platform();
        var queue = new dev.gatehouse.core.mail.MailQueue(outbox, dev.gatehouse.core.shared.crypto.SecretSealer.ephemeral(), p.clock(), p.ids());
        var settings = dev.gatehouse.core.signup.SignUpSettings.defaults();
        return dev.gatehouse.core.signup.SignUpUseCases.wire(dev.gatehouse.core.memory.MemorySignUpStores.create(tx), gatehouse.platform(),
                gatehouse.stores().identity().users(), new Pbkdf2PasswordHasher(1_000), queue,
                new dev.gatehouse.core.signup.SignUpSettings(dev.gatehouse.core.signup.SignUpSettings.Mode.parse(mode).orElseThrow(),
                        settings.linkBase(), settings.linkTtl(), settings.mailEvery()));
    }

    @Singleton
    dev.gatehouse.core.mail.ListMailDeliveries listMailDeliveries(dev.gatehouse.core.mail.MailOutbox outbox) {
        return new dev.gatehouse.core.mail.ListMailDeliveries(outbox, tx);
    }

    /** The approvals feature, as bootstrap's {@code ApprovalFactory} provides it. */
    @Singleton
    dev.gatehouse.core.approvals.ApprovalUseCases approvalUseCases(Gatehouse gatehouse) {
        return gatehouse.approvals();
    }

    /** The webhooks feature, as bootstrap's {@code WebhookFactory} provides it. */
    @Singleton
    dev.gatehouse.core.webhooks.WebhookUseCases webhookUseCases(Gatehouse gatehouse) {
        return gatehouse.webhooks();
    }

    /** The custom roles feature, as bootstrap's {@code RoleFactory} provides it. */
    @Singleton
    dev.gatehouse.core.roles.RoleUseCases roleUseCases(Gatehouse gatehouse) {
        return gatehouse.roles();
    }

    /** The audit feature, as bootstrap's {@code AuditFactory} provides it. */
    @Singleton
    dev.gatehouse.core.audit.AuditUseCases auditUseCases(Gatehouse gatehouse) {
        return gatehouse.audit();
    }

    /** The authorization feature, as bootstrap's {@code AuthorizationFactory} provides it. */
    @Singleton
    dev.gatehouse.core.authorization.AuthorizationUseCases authorizationUseCases(Gatehouse gatehouse) {
        return gatehouse.authorization();
    }

    /** Which organization owns a resource a route names, as bootstrap's {@code AuthorizationFactory} provides it. */
    @Singleton
    dev.gatehouse.core.reach.ResourceOwners resourceOwners(Gatehouse gatehouse) {
        return gatehouse.resourceOwners();
    }

    /** Rate limits, as bootstrap's {@code PlatformFactory} provides them. */
    @Singleton
    dev.gatehouse.core.ratelimit.RateLimiter rateLimiter(Gatehouse gatehouse) {
        return gatehouse.rateLimiter();
    }

    /** Idempotency keys, as bootstrap's {@code PlatformFactory} provides them. */
    @Singleton
    dev.gatehouse.core.idempotency.Idempotency idempotency(Gatehouse gatehouse) {
        return gatehouse.idempotency();
    }
}
