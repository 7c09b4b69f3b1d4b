package dev.gatehouse.bootstrap;

import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.Settings;
import dev.gatehouse.core.Stores;
import dev.gatehouse.core.approvals.ApprovalStores;
import dev.gatehouse.core.audit.AuditTrail;
import dev.gatehouse.core.authorization.Authorizer;
import dev.gatehouse.core.entitlements.EntitlementStores;
import dev.gatehouse.core.entitlements.PlanCatalog;
import dev.gatehouse.core.identity.IdentityStores;
import dev.gatehouse.core.identity.PasswordHasher;
import dev.gatehouse.core.keys.KeyStores;
import dev.gatehouse.core.lifecycle.Dependent;
import dev.gatehouse.core.memory.LoggingMailer;
import dev.gatehouse.core.platform.PlatformStores;
import dev.gatehouse.core.ratelimit.RateLimitTier;
import dev.gatehouse.core.ratelimit.RateLimiter;
import dev.gatehouse.core.ratelimit.TierResolver;
import dev.gatehouse.core.roles.RoleStores;
import dev.gatehouse.core.sessions.SessionStores;
import dev.gatehouse.core.shared.IdGenerator;
import dev.gatehouse.core.shared.SecureIdGenerator;
import dev.gatehouse.core.shared.Transactions;
import dev.gatehouse.core.shared.crypto.SecretSealer;
import dev.gatehouse.core.tenancy.InvitationLinks;
import dev.gatehouse.core.tenancy.Mailer;
import dev.gatehouse.core.tenancy.TenancyStores;
import dev.gatehouse.core.tokens.JdkTokenSigner;
import dev.gatehouse.core.tokens.TokenSigner;
import dev.gatehouse.core.tokens.TokenStores;
import dev.gatehouse.core.webhooks.UrlGuard;
import dev.gatehouse.core.webhooks.WebhookSettings;
import dev.gatehouse.core.webhooks.WebhookStores;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;

/**
 * Builds the domain by hand from whichever stores are active (memory or PostgreSQL), the active
 * {@link Authorizer} (local or SpiceDB) and the adapters' infrastructure (Argon2id from the HTTP
 * adapter). No core package is scanned.
 */
@Factory
class CoreWiring {
    private static final Logger LOG = LoggerFactory.getLogger(CoreWiring.class);
    static final String MASTER_KEY_PROPERTY = "gatehouse.master-key";
    static final String TOKEN_ISSUER_PROPERTY = "gatehouse.tokens.issuer";
    /** The {@code iss} of session tokens (a property of the HTTP adapter before session tokens moved to the core). */
    static final String SESSION_ISSUER_PROPERTY = "gatehouse.http.issuer";

    /**
     * Encrypts secrets at rest (project and session signing keys) under {@code gatehouse.master-key}
     * ({@code GATEHOUSE_MASTER_KEY}: base64 of 32 bytes). Without one, a random key for this process
     * only, with a warning: what it encrypted cannot be read after a restart (signing keys are then
     * replaced on next use; their public parts keep verifying). A malformed key stops the start.
     */
    @Singleton
    SecretSealer secretSealer(@Property(name = MASTER_KEY_PROPERTY) @Nullable String masterKey) {
        if (masterKey == null || masterKey.isBlank()) {
            LOG.warn("GATEHOUSE_MASTER_KEY is not set: encrypting secrets with a random key generated for this process. "
                    + "Encrypted data (project and session signing keys) will not be readable after a restart or by other instances. "
                    + "Set GATEHOUSE_MASTER_KEY to the base64 of 32 random bytes (openssl rand -base64 32).");
            return SecretSealer.ephemeral();
        }
        try {
            return SecretSealer.fromBase64(masterKey);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("GATEHOUSE_MASTER_KEY is invalid: " + e.getMessage());
        }
    }

    /** The system clock, unless a clock was registered when the context was built (tests). */
    @Singleton
    @io.micronaut.context.annotation.Requires(missingBeans = Clock.class)
    Clock clock() {
        return Clock.systemUTC();
    }

    @Singleton
    IdGenerator idGenerator(Clock clock) {
        return new SecureIdGenerator(clock);
    }

    /** The default mailer logs recipient and subject only; a deployment that mails replaces this bean. */
    @Singleton
    Mailer mailer() {
        return new LoggingMailer();
    }

    /**
     * Rate limits from {@code gatehouse.rate-limits.*} (on by default; sessions {@code pro};
     * organizations {@code free} until a {@link TierResolver} bean answers their plan's tier).
     */
    @Singleton
    RateLimiter.Settings rateLimitSettings(@Property(name = "gatehouse.rate-limits.enabled", defaultValue = "true") boolean enabled,
                                           @Property(name = "gatehouse.rate-limits.session-tier", defaultValue = "pro") String sessionTier,
                                           @Property(name = "gatehouse.rate-limits.default-tier", defaultValue = "free") String defaultTier) {
        RateLimiter.Settings defaults = RateLimiter.Settings.defaults();
        return new RateLimiter.Settings(enabled, tier("gatehouse.rate-limits.session-tier", sessionTier), defaults.adminTier(),
                tier("gatehouse.rate-limits.default-tier", defaultTier), defaults.leaseTtl());
    }

    private static RateLimitTier tier(String property, String name) {
        return RateLimitTier.named(name).orElseThrow(() -> new IllegalArgumentException(property + ": unknown tier '" + name + "'"));
    }

    /**
     * The plan catalog: {@code gatehouse.plans.file} ({@code GATEHOUSE_PLANS_FILE}) when set, else the
     * bundled one. A file that cannot be read or parsed stops the start with a message naming the line
     * and key.
     */
    @Singleton
    PlanCatalog planCatalog(@Property(name = "gatehouse.plans.file") @Nullable String file) {
        return PlanCatalog.fromPathOrBundled(file);
    }

    /**
     * The SSRF guard of webhook URLs: https only and public addresses only, unless
     * {@code gatehouse.webhooks.allow-http} ({@code GATEHOUSE_WEBHOOKS_ALLOW_HTTP}) and
     * {@code gatehouse.webhooks.allow-cidrs} ({@code GATEHOUSE_WEBHOOKS_ALLOW_CIDRS}, comma-separated,
     * e.g. {@code 127.0.0.0/8,::1/128}) say otherwise for development and tests. A malformed CIDR stops the start.
     */
    @Singleton
    UrlGuard webhookGuard(
            @Property(name = "gatehouse.webhooks.allow-http", defaultValue = "false") boolean allowHttp,
            @Property(name = "gatehouse.webhooks.allow-cidrs") @Nullable String allowCidrs) {
        var cidrs = UrlGuard.cidrs(allowCidrs);
        if (allowHttp || !cidrs.isEmpty()) {
            LOG.warn("Webhooks: development settings active (http allowed: {}, allow-listed networks: {})", allowHttp, cidrs);
        }
        return new UrlGuard(allowHttp, cidrs, java.net.InetAddress::getAllByName);
    }

    /** Requests in flight per instance ({@code gatehouse.webhooks.concurrency}, 32) and the claim lease (60 s). */
    @Singleton
    WebhookSettings webhookSettings(
            @Property(name = "gatehouse.webhooks.concurrency", defaultValue = "32") int concurrency,
            @Property(name = "gatehouse.webhooks.lease-seconds", defaultValue = "60") int leaseSeconds) {
        var d = WebhookSettings.defaults();
        if (concurrency < 1 || concurrency > 1024) {
            throw new IllegalArgumentException("GATEHOUSE_WEBHOOKS_CONCURRENCY must be 1..1024, not " + concurrency);
        }
        if (leaseSeconds <= d.timeout().toSeconds()) {
            throw new IllegalArgumentException("gatehouse.webhooks.lease-seconds must exceed the " + d.timeout().toSeconds()
                    + " s request timeout, not " + leaseSeconds);
        }
        return new WebhookSettings(concurrency, d.timeout(),
                java.time.Duration.ofSeconds(leaseSeconds), d.disableAfter(), d.batch());
    }

    /**
     * The values the core is configured with: token issuers ({@code gatehouse.tokens.issuer},
     * {@code gatehouse.http.issuer}), the upgrade URL ({@code gatehouse.entitlements.upgrade-url}),
     * invitation links ({@code gatehouse.invitations.accept-url-base}) and the settings beans above
     * (rate limits, audit retention from {@code AuditFactory}, webhooks, the plan catalog).
     */
    @Singleton
    Settings settings(@Property(name = TOKEN_ISSUER_PROPERTY) @Nullable String tokenIssuer,
                      @Property(name = SESSION_ISSUER_PROPERTY) @Nullable String sessionIssuer,
                      @Property(name = "gatehouse.entitlements.upgrade-url") @Nullable String upgradeUrl,
                      @Property(name = "gatehouse.invitations.accept-url-base") @Nullable String acceptUrlBase,
                      RateLimiter.Settings rateLimits, AuditTrail.Settings auditSettings, WebhookSettings webhookSettings,
                      PlanCatalog planCatalog) {
        return new Settings(
                tokenIssuer == null || tokenIssuer.isBlank() ? Gatehouse.DEFAULT_TOKEN_ISSUER : tokenIssuer.strip(),
                sessionIssuer == null || sessionIssuer.isBlank() ? Gatehouse.DEFAULT_TOKEN_ISSUER : sessionIssuer,
                upgradeUrl == null || upgradeUrl.isBlank() ? Gatehouse.DEFAULT_UPGRADE_URL : upgradeUrl.strip(),
                rateLimits, auditSettings, webhookSettings,
                acceptUrlBase == null || acceptUrlBase.isBlank() ? InvitationLinks.defaults() : new InvitationLinks(acceptUrlBase.strip()),
                planCatalog);
    }

    /** The whole core over the active stores (one record per feature, memory or PostgreSQL) and authorizer. */
    @Singleton
    Gatehouse gatehouse(Clock clock, IdGenerator ids, Transactions tx, IdentityStores identity, SessionStores sessions,
                        TenancyStores tenancy, KeyStores keys, TokenStores tokens, EntitlementStores entitlements, RoleStores roles,
                        ApprovalStores approvals, WebhookStores webhooks, PlatformStores platform, Authorizer authorizer,
                        Settings settings, PasswordHasher hasher, Mailer mailer, SecretSealer secretSealer,
                        @Nullable TokenSigner tokenSigner, @Nullable TierResolver tierResolver, UrlGuard webhookGuard,
                        List<Dependent> lifecycleDependents) {
        var builder = Gatehouse.builder();
        lifecycleDependents.forEach(builder::lifecycleDependent); // an extension's own parts of the cascade, if any
        return builder
                .clock(clock)
                .ids(ids)
                .transactions(tx)
                .stores(new Stores(identity, sessions, tenancy, keys, tokens, entitlements, roles, approvals, webhooks, platform))
                .authorizer(authorizer)
                .settings(settings)
                .passwordHasher(hasher)
                .mailer(mailer)
                .secretSealer(secretSealer)
                .tokenSigner(tokenSigner == null ? new JdkTokenSigner() : tokenSigner)
                .tierResolver(tierResolver) // null: the organizations' plan tiers
                .webhookGuard(webhookGuard)
                .build();
    }
}
