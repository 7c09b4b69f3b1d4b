package dev.gatehouse.core;

import dev.gatehouse.core.approvals.ApprovalUseCases;
import dev.gatehouse.core.audit.AuditUseCases;
import dev.gatehouse.core.authorization.AuthorizationUseCases;
import dev.gatehouse.core.authorization.Authorizer;
import dev.gatehouse.core.authorization.LocalAuthorizer;
import dev.gatehouse.core.authorization.PermissionCatalog;
import dev.gatehouse.core.entitlements.EntitlementUseCases;
import dev.gatehouse.core.entitlements.OrganizationPlans;
import dev.gatehouse.core.entitlements.PlanTiers;
import dev.gatehouse.core.events.Events;
import dev.gatehouse.core.idempotency.Idempotency;
import dev.gatehouse.core.identity.IdentityUseCases;
import dev.gatehouse.core.identity.PasswordHasher;
import dev.gatehouse.core.identity.Pbkdf2PasswordHasher;
import dev.gatehouse.core.keys.ApiKeyTiers;
import dev.gatehouse.core.keys.KeyUseCases;
import dev.gatehouse.core.lifecycle.Cascade;
import dev.gatehouse.core.lifecycle.Dependent;
import dev.gatehouse.core.memory.LoggingMailer;
import dev.gatehouse.core.memory.MemoryEventOutbox;
import dev.gatehouse.core.memory.MemoryTransactions;
import dev.gatehouse.core.platform.Platform;
import dev.gatehouse.core.ratelimit.RateLimiter;
import dev.gatehouse.core.ratelimit.TierResolver;
import dev.gatehouse.core.reach.ResourceOwners;
import dev.gatehouse.core.roles.RoleUseCases;
import dev.gatehouse.core.sessions.SessionUseCases;
import dev.gatehouse.core.shared.IdGenerator;
import dev.gatehouse.core.shared.SecureIdGenerator;
import dev.gatehouse.core.shared.Transactions;
import dev.gatehouse.core.shared.crypto.SecretSealer;
import dev.gatehouse.core.tenancy.Mailer;
import dev.gatehouse.core.tenancy.TenancyUseCases;
import dev.gatehouse.core.tokens.JdkTokenSigner;
import dev.gatehouse.core.tokens.TokenSigner;
import dev.gatehouse.core.tokens.TokenUseCases;
import dev.gatehouse.core.webhooks.SocketWebhookSender;
import dev.gatehouse.core.webhooks.UrlGuard;
import dev.gatehouse.core.webhooks.WebhookDispatcher;
import dev.gatehouse.core.webhooks.WebhookSender;
import dev.gatehouse.core.webhooks.WebhookUseCases;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The embedding API: a record of the feature modules, each wired by its {@code XUseCases.wire} over its
 * stores record (from {@link Stores}) and the {@link Platform}. No framework is involved:
 *
 * <pre>{@code
 * Gatehouse gatehouse = Gatehouse.inMemory();          // or Gatehouse.builder()…build()
 * gatehouse.identity().createUser().handle(new CreateUser.Command(Caller.system("setup"), "a@example.com", "…", "Ada", true));
 * gatehouse.authorization().checkPermission().handle(new CheckPermission.Command(Caller.system("gate"),
 *         new ObjectRef("project", "p1"), "projects_read", SubjectRef.of("user", "ada")));
 * }</pre>
 *
 * @param stores         the stores it runs on, as given to (or defaulted by) the builder: for embedders' tests and tools, never for adapters
 * @param platform       what every feature shares: clock, ids, transactions, authorizer, auditor, events
 * @param audit          the auditor, the write-behind log (flush it every second or so and at shutdown, ADR 30), list, export, purge
 * @param idempotency    idempotency keys: claim, replay, wait
 * @param authorization  permission checks, resource and subject lookups, the permission catalog
 * @param resourceOwners which organization owns a resource a route names (reach before scope, ADR 0017)
 * @param entitlements   plans, overrides, checks, usage, and the engine other features count against
 * @param identity       create, authenticate, get, list, update and deactivate users; the initial admin
 * @param tenancy        organizations, members, invitations, projects, environments
 * @param rateLimiter    per-tier request rate limits of API keys and users (the HTTP adapter applies them)
 * @param keys           API keys: issue, list, get, revoke, rotate, verify, authenticate, lifecycle
 * @param tokens         signing keys of the instance and of projects, session and access tokens, JWKS, introspection
 * @param approvals      access requests and their decisions, grants, workflows, policies, the expiry job ({@code settle})
 * @param roles          custom roles, role assignments, a user's roles
 * @param sessions       users' sessions and the sign-up by invitation
 * @param webhooks       {@code manage()} (endpoints, secrets, deliveries log, retry, test, replay) and {@code dispatcher()},
 *                       which the builder does not start: call {@link WebhookDispatcher#start()} (the server does) or
 *                       {@link WebhookDispatcher#runOnce()} in tests
 */
public record Gatehouse(Stores stores, Platform platform, AuditUseCases audit, Idempotency idempotency,
                        AuthorizationUseCases authorization, ResourceOwners resourceOwners, EntitlementUseCases entitlements,
                        IdentityUseCases identity, TenancyUseCases tenancy, RateLimiter rateLimiter, KeyUseCases keys,
                        TokenUseCases tokens, ApprovalUseCases approvals, RoleUseCases roles, SessionUseCases sessions,
                        WebhookUseCases webhooks) {
    /** The {@code iss} of access and session tokens unless configured. */
    public static final String DEFAULT_TOKEN_ISSUER = "gatehouse";
    /** Where {@code upgrade_url} points unless the settings say otherwise. */
    public static final String DEFAULT_UPGRADE_URL = "http://localhost:8080/upgrade";

    private static Gatehouse wire(Builder b, Stores s, Transactions tx, Authorizer authorizer) {
        Clock clock = b.clock;
        Settings settings = b.settings;
        IdGenerator ids = b.ids != null ? b.ids : new SecureIdGenerator(clock);
        PasswordHasher hasher = b.passwordHasher != null ? b.passwordHasher : new Pbkdf2PasswordHasher();
        SecretSealer sealer = b.secretSealer != null ? b.secretSealer : SecretSealer.ephemeral();
        var organizations = s.tenancy().organizations();
        var projects = s.tenancy().projects();
        var environments = s.tenancy().environments();
        Cascade cascade = new Cascade(); // one cascade for every ending (ADR 0018); embedders' parts last
        var audit = AuditUseCases.wire(s.platform().auditLog(), organizations::live, authorizer, tx, clock, ids,
                settings.audit()); // one auditor, written behind (ADR 30)
        var idempotency = new Idempotency(s.platform().idempotencyRecords(), clock);
        var authorization = AuthorizationUseCases.wire(authorizer, clock);
        Events events = new Events(s.platform().eventOutbox(), clock, ids);
        var platform = new Platform(clock, ids, tx, authorizer, audit.auditor(), events);
        var resourceOwners = new ResourceOwners(new ResourceOwners.Stores(tx, organizations, projects, environments,
                s.keys().apiKeys(), s.roles().roles(), s.approvals().accessRequests(), s.approvals().workflows(),
                s.approvals().accessPolicies(), s.webhooks().endpoints()));
        var entitlements = EntitlementUseCases.wire(s.entitlements(), platform, settings.planCatalog(), organizations,
                settings.upgradeUrl());
        var quota = entitlements.engine();
        var identity = IdentityUseCases.wire(s.identity(), platform, hasher, cascade);
        var tenancy = TenancyUseCases.wire(s.tenancy(), platform, s.identity().users(), quota,
                b.mailer != null ? b.mailer : new LoggingMailer(), settings.invitationLinks(), cascade);
        TierResolver tiers = b.tierResolver != null ? b.tierResolver
                : new PlanTiers(new OrganizationPlans(organizations, tx), clock, settings.rateLimits().defaultTier().name());
        var rateLimiter = new RateLimiter(s.platform().rateLimitStore(), tiers, new ApiKeyTiers(s.keys().apiKeys(), tx, clock),
                settings.rateLimits(), clock);
        var keys = KeyUseCases.wire(s.keys(), platform, organizations, projects, environments, quota, rateLimiter);
        var tokens = TokenUseCases.wire(s.tokens(), platform, new TokenUseCases.Settings(sealer, b.tokenSigner,
                settings.tokenIssuer(), settings.sessionTokenIssuer()), projects, s.keys().apiKeys(), organizations, environments);
        var approvals = ApprovalUseCases.wire(s.approvals(), platform, organizations, projects, environments);
        var roles = RoleUseCases.wire(s.roles(), platform, organizations, s.tenancy().memberships(), projects, environments);
        var sessions = SessionUseCases.wire(s.sessions(), platform, s.identity().users(), s.tenancy().memberships(),
                organizations, s.tenancy().invitations(), tenancy.acceptInvitation(), hasher);
        var webhooks = WebhookUseCases.wire(s.webhooks(), platform, organizations, quota, sealer, b.webhookGuard,
                b.webhookSender, settings.webhooks());
        if (s.platform().eventOutbox() instanceof MemoryEventOutbox memoryOutbox) {
            // in memory nothing else tells the dispatcher about a new event (PostgreSQL: LISTEN/NOTIFY)
            memoryOutbox.onAppend(webhooks.dispatcher()::wake);
        }
        cascade.register(tenancy.cascade()).register(keys.cascade()).register(tokens.cascade()).register(roles.cascade())
                .register(approvals.grantCleanup()).register(webhooks.cascade());
        cascade.register(sessions.sessions().cascade()); // a deactivated user's sessions end
        b.lifecycleDependents.forEach(cascade::register);
        return new Gatehouse(s, platform, audit, idempotency, authorization, resourceOwners, entitlements, identity, tenancy,
                rateLimiter, keys, tokens, approvals, roles, sessions, webhooks);
    }

    /** A Gatehouse on in-memory stores, the system clock and PBKDF2 password hashing. */
    public static Gatehouse inMemory() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Records domain events into the outbox; for use cases an embedder adds. */
    public Events events() {
        return platform.events();
    }

    /** Names the modules only (their parts hold stores and secrets' sealers). */
    @Override
    public String toString() {
        return "Gatehouse[identity, sessions, tenancy, roles, keys, tokens, entitlements, approvals, webhooks, authorization, audit]";
    }

    /**
     * Builds a Gatehouse. Without {@link #stores}, every store is in memory ({@link Stores#inMemory});
     * with them, {@link #transactions} must be set too (memory stores cannot join a foreign
     * transaction), and with your own transactions you supply the stores. Without an {@link #authorizer},
     * a {@link LocalAuthorizer} evaluates the product schema ({@code gatehouse.zed}) over the relationships.
     */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private IdGenerator ids;
        private Transactions transactions;
        private Stores stores;
        private Authorizer authorizer;
        private Settings settings = Settings.defaults();
        private PasswordHasher passwordHasher;
        private Mailer mailer;
        private SecretSealer secretSealer;
        private TokenSigner tokenSigner = new JdkTokenSigner();
        private UrlGuard webhookGuard = UrlGuard.strict();
        private WebhookSender webhookSender = new SocketWebhookSender();
        private TierResolver tierResolver;
        private final List<Dependent> lifecycleDependents = new ArrayList<>();

        private Builder() {
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Builder ids(IdGenerator ids) {
            this.ids = ids;
            return this;
        }

        public Builder transactions(Transactions transactions) {
            this.transactions = transactions;
            return this;
        }

        /** Every store, one record per feature (PostgreSQL, say). Default: {@link Stores#inMemory}. */
        public Builder stores(Stores stores) {
            this.stores = stores;
            return this;
        }

        /** Answers permission questions; SpiceDB, for example. Default: local over the stores' relationships. */
        public Builder authorizer(Authorizer authorizer) {
            this.authorizer = authorizer;
            return this;
        }

        /** Token issuers, upgrade URL, rate limits, audit retention, webhooks, invitation links, plans. Default: {@link Settings#defaults()}. */
        public Builder settings(Settings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** Default: PBKDF2 ({@link Pbkdf2PasswordHasher}). */
        public Builder passwordHasher(PasswordHasher passwordHasher) {
            this.passwordHasher = passwordHasher;
            return this;
        }

        /** Sends invitation emails. Default: {@link LoggingMailer} (logs recipient and subject, sends nothing). */
        public Builder mailer(Mailer mailer) {
            this.mailer = mailer;
            return this;
        }

        /** Encrypts secrets at rest under the master key. Default: {@link SecretSealer#ephemeral()} (unreadable after a restart). */
        public Builder secretSealer(SecretSealer secretSealer) {
            this.secretSealer = secretSealer;
            return this;
        }

        /** Signs session and access tokens. Default: {@link JdkTokenSigner}. */
        public Builder tokenSigner(TokenSigner tokenSigner) {
            this.tokenSigner = Objects.requireNonNull(tokenSigner, "tokenSigner");
            return this;
        }

        /** The SSRF guard of webhook URLs. Default {@link UrlGuard#strict()}: https, public addresses only. */
        public Builder webhookGuard(UrlGuard guard) {
            this.webhookGuard = Objects.requireNonNull(guard, "guard");
            return this;
        }

        /** Sends webhook requests. Default {@link SocketWebhookSender}. */
        public Builder webhookSender(WebhookSender sender) {
            this.webhookSender = Objects.requireNonNull(sender, "sender");
            return this;
        }

        /** An organization's rate-limit tier. Default: its plan's tier ({@link PlanTiers}, cached 60 s), else the default tier. */
        public Builder tierResolver(TierResolver tierResolver) {
            this.tierResolver = tierResolver;
            return this;
        }

        /** Something else the embedder keeps beneath organizations, projects, …, ended by the same cascade (ADR 0018), last. */
        public Builder lifecycleDependent(Dependent dependent) {
            this.lifecycleDependents.add(Objects.requireNonNull(dependent, "dependent"));
            return this;
        }

        public Gatehouse build() {
            if (stores != null && transactions == null) {
                throw new IllegalStateException("set transactions() when supplying your own stores");
            }
            MemoryTransactions memoryTx = transactions instanceof MemoryTransactions m ? m
                    : transactions == null ? new MemoryTransactions() : null;
            if (memoryTx == null && stores == null) {
                throw new IllegalStateException("with your own transactions(), supply every store as well: stores(…)");
            }
            Transactions tx = transactions != null ? transactions : memoryTx;
            Stores s = stores != null ? stores : Stores.inMemory(memoryTx, clock);
            Authorizer auth = authorizer != null ? authorizer
                    : LocalAuthorizer.create(PermissionCatalog.productSchemaParsed(), s.platform().relationships(), tx, clock).value();
            return wire(this, s, tx, auth);
        }
    }
}
