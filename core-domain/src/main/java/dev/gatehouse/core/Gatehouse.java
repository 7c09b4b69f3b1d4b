package dev.gatehouse.core;

import dev.gatehouse.core.approvals.AccessPolicies;
import dev.gatehouse.core.approvals.AccessRequests;
import dev.gatehouse.core.approvals.ApprovalUseCases;
import dev.gatehouse.core.approvals.Workflows;
import dev.gatehouse.core.memory.MemoryAccessPolicies;
import dev.gatehouse.core.memory.MemoryAccessRequests;
import dev.gatehouse.core.memory.MemoryWorkflows;
import dev.gatehouse.core.audit.AuditLog;
import dev.gatehouse.core.audit.AuditTrail;
import dev.gatehouse.core.audit.AuditUseCases;
import dev.gatehouse.core.entitlements.OrganizationPlans;
import dev.gatehouse.core.entitlements.PlanTiers;
import dev.gatehouse.core.entitlements.PlanCatalog;
import dev.gatehouse.core.entitlements.EntitlementStores;
import dev.gatehouse.core.entitlements.EntitlementUseCases;
import dev.gatehouse.core.memory.MemoryEntitlementStores;
import dev.gatehouse.core.authorization.AuthorizationUseCases;
import dev.gatehouse.core.authorization.Authorizer;
import dev.gatehouse.core.authorization.LocalAuthorizer;
import dev.gatehouse.core.authorization.PermissionCatalog;
import dev.gatehouse.core.authorization.Relationships;
import dev.gatehouse.core.roles.RoleStores;
import dev.gatehouse.core.roles.RoleUseCases;
import dev.gatehouse.core.memory.MemoryRoleStores;
import dev.gatehouse.core.idempotency.Idempotency;
import dev.gatehouse.core.idempotency.IdempotencyRecords;
import dev.gatehouse.core.identity.IdentityStores;
import dev.gatehouse.core.identity.IdentityUseCases;
import dev.gatehouse.core.identity.PasswordHasher;
import dev.gatehouse.core.identity.Pbkdf2PasswordHasher;
import dev.gatehouse.core.sessions.SessionStores;
import dev.gatehouse.core.sessions.SessionUseCases;
import dev.gatehouse.core.lifecycle.Cascade;
import dev.gatehouse.core.lifecycle.Dependent;
import dev.gatehouse.core.memory.MemoryKeyStores;
import dev.gatehouse.core.keys.KeyStores;
import dev.gatehouse.core.keys.KeyUseCases;
import dev.gatehouse.core.keys.ApiKeyTiers;
import dev.gatehouse.core.platform.Platform;
import dev.gatehouse.core.events.EventOutbox;
import dev.gatehouse.core.events.Events;
import dev.gatehouse.core.memory.MemoryAuditLog;
import dev.gatehouse.core.memory.MemoryEventOutbox;
import dev.gatehouse.core.memory.MemoryIdempotencyRecords;
import dev.gatehouse.core.memory.MemoryRelationships;
import dev.gatehouse.core.memory.MemoryTokenStores;
import dev.gatehouse.core.memory.MemoryTransactions;
import dev.gatehouse.core.memory.MemoryIdentityStores;
import dev.gatehouse.core.memory.MemorySessionStores;
import dev.gatehouse.core.memory.MemoryRateLimitStore;
import dev.gatehouse.core.ratelimit.RateLimitStore;
import dev.gatehouse.core.ratelimit.RateLimiter;
import dev.gatehouse.core.ratelimit.TierResolver;
import dev.gatehouse.core.tenancy.InvitationLinks;
import dev.gatehouse.core.tenancy.Mailer;
import dev.gatehouse.core.tenancy.TenancyStores;
import dev.gatehouse.core.tenancy.TenancyUseCases;
import dev.gatehouse.core.memory.MemoryTenancyStores;
import dev.gatehouse.core.memory.LoggingMailer;
import dev.gatehouse.core.events.Events;
import dev.gatehouse.core.shared.IdGenerator;
import dev.gatehouse.core.shared.SecureIdGenerator;
import dev.gatehouse.core.shared.Transactions;
import dev.gatehouse.core.shared.crypto.SecretSealer;
import dev.gatehouse.core.tokens.JdkTokenSigner;
import dev.gatehouse.core.tokens.TokenSigner;
import dev.gatehouse.core.tokens.TokenStores;
import dev.gatehouse.core.tokens.TokenUseCases;

import dev.gatehouse.core.memory.MemoryWebhookDeliveries;
import dev.gatehouse.core.memory.MemoryWebhookEndpoints;
import dev.gatehouse.core.webhooks.SocketWebhookSender;
import dev.gatehouse.core.webhooks.UrlGuard;
import dev.gatehouse.core.webhooks.WebhookSettings;
import dev.gatehouse.core.webhooks.WebhookUseCases;
import dev.gatehouse.core.webhooks.WebhookDeliveries;
import dev.gatehouse.core.webhooks.WebhookDispatcher;
import dev.gatehouse.core.webhooks.WebhookEndpoints;
import dev.gatehouse.core.webhooks.WebhookSender;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The embedding API: every use case, wired over the ports given to the {@link Builder}. No framework
 * is involved; an embedding service builds one and calls it:
 *
 * <pre>{@code
 * Gatehouse gatehouse = Gatehouse.inMemory();          // or Gatehouse.builder()…build()
 * gatehouse.identity().createUser().handle(new CreateUser.Command(Caller.system("setup"), "a@example.com", "…", "Ada", true));
 * gatehouse.authorization().checkPermission().handle(new CheckPermission.Command(Caller.system("gate"),
 *         new ObjectRef("project", "p1"), "projects_read", SubjectRef.of("user", "ada")));
 * }</pre>
 */
public final class Gatehouse {
    /** The {@code iss} of access tokens unless configured. */
    public static final String DEFAULT_TOKEN_ISSUER = "gatehouse";
    /** Where {@code upgrade_url} points unless the builder says otherwise. */
    public static final String DEFAULT_UPGRADE_URL = "http://localhost:8080/upgrade";
    private final Ports ports;
    private final Platform platform;
    private final KeyUseCases keys;
    private final EntitlementUseCases entitlements;
    private final AuditUseCases audit;
    private final dev.gatehouse.core.reach.ResourceOwners resourceOwners;
    private final IdentityUseCases identity;
    private final SessionUseCases sessions;
    private final Idempotency idempotency;
    private final AuthorizationUseCases authorization;
    private final Events events;
    private final TenancyUseCases tenancy;
    private final RateLimiter rateLimiter;
    private final TokenUseCases tokens;
    private final RoleUseCases roles;
    private final ApprovalUseCases approvals;
    private final WebhookUseCases webhooks;

    /**
     * The driven ports and infrastructure one Gatehouse runs on. {@code relationships} is the store
     * the local authorizer reads; {@code authorizer} answers permission questions (local over those
     * relationships, or SpiceDB). {@code secretSealer} encrypts secrets at rest (project signing
     * keys); {@code tokenSigner} signs access tokens, whose {@code iss} is {@code tokenIssuer}, and session
     * tokens, whose {@code iss} is {@code sessionTokenIssuer}.
     */
    public record Ports(Clock clock, IdGenerator ids, Transactions transactions, IdentityStores identityStores,
                        SessionStores sessionStores, PasswordHasher passwordHasher,
                        AuditLog auditLog, IdempotencyRecords idempotencyRecords,
                        Relationships relationships, Authorizer authorizer, EventOutbox eventOutbox,
                        TenancyStores tenancyStores, Mailer mailer,
                        InvitationLinks invitationLinks, KeyStores keyStores,
                        RateLimitStore rateLimitStore, TierResolver tierResolver, RateLimiter.Settings rateLimits,
                        AuditTrail.Settings auditSettings,
                        TokenStores tokenStores, SecretSealer secretSealer, TokenSigner tokenSigner,
                        String tokenIssuer, String sessionTokenIssuer,

                        PlanCatalog planCatalog, EntitlementStores entitlementStores,
                        String upgradeUrl,

                        RoleStores roleStores,

                        AccessRequests accessRequests, AccessPolicies accessPolicies, Workflows workflows,

                        WebhookEndpoints webhookEndpoints, WebhookDeliveries webhookDeliveries, UrlGuard webhookGuard,
                        WebhookSender webhookSender, WebhookSettings webhookSettings) {
        public Ports {
            Objects.requireNonNull(roleStores, "roleStores");
            Objects.requireNonNull(accessRequests, "accessRequests");
            Objects.requireNonNull(accessPolicies, "accessPolicies");
            Objects.requireNonNull(workflows, "workflows");
            Objects.requireNonNull(webhookEndpoints, "webhookEndpoints");
            Objects.requireNonNull(webhookDeliveries, "webhookDeliveries");
            Objects.requireNonNull(webhookGuard, "webhookGuard");
            Objects.requireNonNull(webhookSender, "webhookSender");
            Objects.requireNonNull(webhookSettings, "webhookSettings");
            Objects.requireNonNull(rateLimitStore, "rateLimitStore");
            Objects.requireNonNull(tierResolver, "tierResolver");
            Objects.requireNonNull(rateLimits, "rateLimits");
            Objects.requireNonNull(auditSettings, "auditSettings");
            Objects.requireNonNull(tokenStores, "tokenStores");
            Objects.requireNonNull(secretSealer, "secretSealer");
            Objects.requireNonNull(tokenSigner, "tokenSigner");
            Objects.requireNonNull(tokenIssuer, "tokenIssuer");
            Objects.requireNonNull(sessionTokenIssuer, "sessionTokenIssuer");
            Objects.requireNonNull(planCatalog, "planCatalog");
            Objects.requireNonNull(entitlementStores, "entitlementStores");
            Objects.requireNonNull(upgradeUrl, "upgradeUrl");
            Objects.requireNonNull(keyStores, "keyStores");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(ids, "ids");
            Objects.requireNonNull(transactions, "transactions");
            Objects.requireNonNull(identityStores, "identityStores");
            Objects.requireNonNull(sessionStores, "sessionStores");
            Objects.requireNonNull(passwordHasher, "passwordHasher");
            Objects.requireNonNull(auditLog, "auditLog");
            Objects.requireNonNull(idempotencyRecords, "idempotencyRecords");
            Objects.requireNonNull(relationships, "relationships");
            Objects.requireNonNull(authorizer, "authorizer");
            Objects.requireNonNull(eventOutbox, "eventOutbox");
            Objects.requireNonNull(tenancyStores, "tenancyStores");
            Objects.requireNonNull(mailer, "mailer");
            Objects.requireNonNull(invitationLinks, "invitationLinks");
        }
    }

    private Gatehouse(Ports p, List<Dependent> lifecycleDependents) {
        this.ports = p;
        // one cascade for every ending (ADR 0018); each feature registers its part below, embedders' parts last
        Cascade cascade = new Cascade();
        this.audit = AuditUseCases.wire(p.auditLog(), p.tenancyStores().organizations()::live, p.authorizer(), p.transactions(), p.clock(),
                p.ids(), p.auditSettings()); // one auditor, written behind (ADR 30)
        var auditor = audit.auditor();
        this.idempotency = new Idempotency(p.idempotencyRecords(), p.clock());
        this.authorization = AuthorizationUseCases.wire(p.authorizer(), p.clock());
        this.events = new Events(p.eventOutbox(), p.clock(), p.ids());
        this.platform = new Platform(p.clock(), p.ids(), p.transactions(), p.authorizer(), auditor, events);
        this.resourceOwners = new dev.gatehouse.core.reach.ResourceOwners(new dev.gatehouse.core.reach.ResourceOwners.Stores(
                p.transactions(), p.tenancyStores().organizations(), p.tenancyStores().projects(), p.tenancyStores().environments(), p.keyStores().apiKeys(), p.roleStores().roles(),
                p.accessRequests(), p.workflows(), p.accessPolicies(), p.webhookEndpoints()));
        this.entitlements = EntitlementUseCases.wire(p.entitlementStores(), platform, p.planCatalog(), p.tenancyStores().organizations(),
                p.upgradeUrl());
        var entitlements = this.entitlements.engine();
        this.identity = IdentityUseCases.wire(p.identityStores(), platform, p.passwordHasher(), cascade);
        this.tenancy = TenancyUseCases.wire(p.tenancyStores(), platform, p.identityStores().users(), entitlements, p.mailer(),
                p.invitationLinks(), cascade);
        this.rateLimiter = new RateLimiter(p.rateLimitStore(), p.tierResolver(),
                new ApiKeyTiers(p.keyStores().apiKeys(), p.transactions(), p.clock()), p.rateLimits(), p.clock());
        this.keys = KeyUseCases.wire(p.keyStores(), platform, p.tenancyStores().organizations(), p.tenancyStores().projects(), p.tenancyStores().environments(),
                entitlements, rateLimiter);
        this.tokens = TokenUseCases.wire(p.tokenStores(), platform, new TokenUseCases.Settings(p.secretSealer(), p.tokenSigner(),
                p.tokenIssuer(), p.sessionTokenIssuer()), p.tenancyStores().projects(), p.keyStores().apiKeys(),
                p.tenancyStores().organizations(), p.tenancyStores().environments());
        this.approvals = ApprovalUseCases.wire(p.accessRequests(), p.accessPolicies(), p.workflows(), p.tenancyStores().organizations(),
                p.tenancyStores().projects(), p.tenancyStores().environments(), p.authorizer(), auditor, events, p.transactions(), p.clock(), p.ids());
        this.roles = RoleUseCases.wire(p.roleStores(), platform, p.tenancyStores().organizations(), p.tenancyStores().memberships(),
                p.tenancyStores().projects(), p.tenancyStores().environments());
        this.sessions = SessionUseCases.wire(p.sessionStores(), platform, p.identityStores().users(), p.tenancyStores().memberships(),
                p.tenancyStores().organizations(), p.tenancyStores().invitations(), tenancy.acceptInvitation(), p.passwordHasher());
        this.webhooks = WebhookUseCases.wire(p.webhookEndpoints(), p.webhookDeliveries(), p.tenancyStores().organizations(),
                p.authorizer(), auditor, events, p.transactions(), p.clock(), p.ids(), p.secretSealer(),
                entitlements, p.webhookGuard(), p.webhookSender(), p.webhookSettings());
        if (p.eventOutbox() instanceof MemoryEventOutbox memoryOutbox) {
            // in memory nothing else tells the dispatcher about a new event (PostgreSQL: LISTEN/NOTIFY)
            memoryOutbox.onAppend(webhooks.dispatcher()::wake);
        }
        cascade.register(tenancy.cascade())
                .register(keys.cascade())
                .register(tokens.cascade())
                .register(roles.cascade())
                .register(approvals.grantCleanup())
                .register(webhooks.cascade());
        cascade.register(sessions.sessions().cascade()); // a deactivated user's sessions end
        lifecycleDependents.forEach(cascade::register);
    }

    /** The approvals feature: access requests and their decisions, grants, workflows, policies, the expiry job ({@code settle}). */
    public ApprovalUseCases approvals() {
        return approvals;
    }

    /**
     * The webhooks feature: {@code manage()} (endpoints, secrets, the deliveries log, retry, test, replay) and
     * {@code dispatcher()}, which delivers the event outbox and is not started by the builder: call
     * {@link WebhookDispatcher#start()} (the server does), or {@link WebhookDispatcher#runOnce()} in tests.
     */
    public WebhookUseCases webhooks() {
        return webhooks;
    }

    /** A Gatehouse on in-memory stores, the system clock and PBKDF2 password hashing. */
    public static Gatehouse inMemory() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Ports ports() {
        return ports;
    }

    /** What every feature shares: clock, ids, transactions, authorizer, auditor, events. */
    public Platform platform() {
        return platform;
    }

    /** The API keys feature: issue, list, get, revoke, rotate, verify, authenticate, lifecycle. */
    public KeyUseCases keys() {
        return keys;
    }

    /**
     * The audit feature: the auditor, the write-behind log (call {@code audit().writeBehind().flush()}
     * every second or so and at shutdown, ADR 30), listing, export and the retention purge.
     */
    public AuditUseCases audit() {
        return audit;
    }

    /** Which organization owns a resource a route names (reach before scope, ADR 0017). */
    public dev.gatehouse.core.reach.ResourceOwners resourceOwners() {
        return resourceOwners;
    }

    /** The identity feature: create, authenticate, get, list, update and deactivate users; the initial admin. */
    public IdentityUseCases identity() {
        return identity;
    }

    /** The sessions feature: users' sessions and the sign-up by invitation. */
    public SessionUseCases sessions() {
        return sessions;
    }

    public Idempotency idempotency() {
        return idempotency;
    }

    /** The authorization feature: permission checks, resource and subject lookups, the permission catalog. */
    public AuthorizationUseCases authorization() {
        return authorization;
    }

    /** Records domain events into the outbox; for use cases an embedder adds. */
    public Events events() {
        return events;
    }

    /** Per-tier request rate limits of API keys and users (the HTTP adapter applies them to every authenticated request). */
    public RateLimiter rateLimiter() {
        return rateLimiter;
    }

    /** The token feature: signing keys of the instance and of projects, session and access tokens, JWKS, introspection. */
    public TokenUseCases tokens() {
        return tokens;
    }

    /** The tenancy feature: organizations, members, invitations, projects, environments. */
    public TenancyUseCases tenancy() {
        return tenancy;
    }

    /** The entitlements feature: plans, overrides, checks, usage, and the engine other features count against. */
    public EntitlementUseCases entitlements() {
        return entitlements;
    }

    /** The custom roles feature: roles, role assignments, a user's roles. */
    public RoleUseCases roles() {
        return roles;
    }

    /**
     * Builds a Gatehouse. Every port left unset gets its in-memory implementation; when any store is
     * set, {@link #transactions} must be set too (memory stores cannot join a foreign transaction).
     * Without an {@link #authorizer}, a {@link LocalAuthorizer} evaluates the product schema
     * ({@code gatehouse.zed}) over the relationships.
     */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private IdGenerator ids;
        private Transactions transactions;
        private IdentityStores identityStores;
        private SessionStores sessionStores;
        private PasswordHasher passwordHasher;
        private AuditLog auditLog;
        private IdempotencyRecords idempotencyRecords;
        private Relationships relationships;
        private Authorizer authorizer;
        private EventOutbox eventOutbox;
        private TenancyStores tenancyStores;
        private final List<Dependent> lifecycleDependents = new ArrayList<>();
        private Mailer mailer;
        private InvitationLinks invitationLinks = InvitationLinks.defaults();
        private KeyStores keyStores;
        private RateLimitStore rateLimitStore;
        private TierResolver tierResolver;
        private RateLimiter.Settings rateLimits = RateLimiter.Settings.defaults();
        private AuditTrail.Settings auditSettings = AuditTrail.Settings.defaults();
        private TokenStores tokenStores;
        private SecretSealer secretSealer;
        private TokenSigner tokenSigner = new JdkTokenSigner();
        private String tokenIssuer = DEFAULT_TOKEN_ISSUER;
        private String sessionTokenIssuer = DEFAULT_TOKEN_ISSUER;
        private PlanCatalog planCatalog;
        private EntitlementStores entitlementStores;
        private AccessRequests accessRequests;
        private AccessPolicies accessPolicies;
        private Workflows workflows;

        public Builder accessRequests(AccessRequests accessRequests) {
            this.accessRequests = accessRequests;
            return this;
        }

        public Builder accessPolicies(AccessPolicies accessPolicies) {
            this.accessPolicies = accessPolicies;
            return this;
        }

        public Builder workflows(Workflows workflows) {
            this.workflows = workflows;
            return this;
        }
        private String upgradeUrl = DEFAULT_UPGRADE_URL;
        private RoleStores roleStores;
        private WebhookEndpoints webhookEndpoints;
        private WebhookDeliveries webhookDeliveries;
        private UrlGuard webhookGuard = UrlGuard.strict();
        private WebhookSender webhookSender = new SocketWebhookSender();
        private WebhookSettings webhookSettings = WebhookSettings.defaults();

        private Builder() {
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
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

        /** The users' store. Default: {@link MemoryIdentityStores}. */
        public Builder identityStores(IdentityStores identityStores) {
            this.identityStores = identityStores;
            return this;
        }

        /** The sessions' store. Default: {@link MemorySessionStores}. */
        public Builder sessionStores(SessionStores sessionStores) {
            this.sessionStores = sessionStores;
            return this;
        }

        public Builder passwordHasher(PasswordHasher passwordHasher) {
            this.passwordHasher = passwordHasher;
            return this;
        }

        public Builder auditLog(AuditLog auditLog) {
            this.auditLog = auditLog;
            return this;
        }

        /** How long the audit trail keeps entries. Default: {@link AuditTrail.Settings#defaults()} (365 days). */
        public Builder auditSettings(AuditTrail.Settings auditSettings) {
            this.auditSettings = Objects.requireNonNull(auditSettings, "auditSettings");
            return this;
        }

        public Builder idempotencyRecords(IdempotencyRecords idempotencyRecords) {
            this.idempotencyRecords = idempotencyRecords;
            return this;
        }

        public Builder relationships(Relationships relationships) {
            this.relationships = relationships;
            return this;
        }

        public Builder eventOutbox(EventOutbox eventOutbox) {
            this.eventOutbox = eventOutbox;
            return this;
        }

        /** The tenancy feature's stores (organizations, memberships, invitations, projects, environments). Default: {@link MemoryTenancyStores}. */
        public Builder tenancyStores(TenancyStores tenancyStores) {
            this.tenancyStores = tenancyStores;
            return this;
        }

        /** Sends invitation emails. Default: {@link LoggingMailer} (logs recipient and subject, sends nothing). */
        public Builder mailer(Mailer mailer) {
            this.mailer = mailer;
            return this;
        }

        /** Where invitation links point: the base URL the token is appended to. Default {@value InvitationLinks#DEFAULT_BASE}. */
        public Builder invitationLinks(InvitationLinks invitationLinks) {
            this.invitationLinks = invitationLinks;
            return this;
        }

        /** Answers permission questions; SpiceDB, for example. Default: local over {@link #relationships}. */
        public Builder authorizer(Authorizer authorizer) {
            this.authorizer = authorizer;
            return this;
        }

        /** The API keys' stores and how revocations reach other instances. Default: {@link MemoryKeyStores} (one process). */
        public Builder keyStores(KeyStores keyStores) {
            this.keyStores = keyStores;
            return this;
        }

        /** Where token buckets live. Default: {@link MemoryRateLimitStore} (this process only). */
        public Builder rateLimitStore(RateLimitStore rateLimitStore) {
            this.rateLimitStore = rateLimitStore;
            return this;
        }

        /**
         * An organization's rate-limit tier. Default: its plan's tier ({@link PlanTiers}, cached 60 s), or
         * {@link RateLimiter.Settings#defaultTier()} for an unknown organization.
         */
        public Builder tierResolver(TierResolver tierResolver) {
            this.tierResolver = tierResolver;
            return this;
        }

        /** On/off and the session, admin and default tiers. Default: {@link RateLimiter.Settings#defaults()}. */
        public Builder rateLimits(RateLimiter.Settings rateLimits) {
            this.rateLimits = Objects.requireNonNull(rateLimits, "rateLimits");
            return this;
        }

        /** The signing keys of the instance and of projects. Default: {@link MemoryTokenStores}. */
        public Builder tokenStores(TokenStores tokenStores) {
            this.tokenStores = tokenStores;
            return this;
        }

        /**
         * Encrypts secrets at rest under the master key. Default: {@link SecretSealer#ephemeral()}, a
         * random key, so what it sealed is unreadable after a restart (fine for memory stores).
         */
        public Builder secretSealer(SecretSealer secretSealer) {
            this.secretSealer = secretSealer;
            return this;
        }

        /** Signs session and access tokens. Default: {@link JdkTokenSigner}. */
        public Builder tokenSigner(TokenSigner tokenSigner) {
            this.tokenSigner = tokenSigner;
            return this;
        }

        /** The {@code iss} of access tokens. Default {@value Gatehouse#DEFAULT_TOKEN_ISSUER}. */
        public Builder tokenIssuer(String tokenIssuer) {
            this.tokenIssuer = tokenIssuer;
            return this;
        }

        /** The {@code iss} of session tokens. Default {@value Gatehouse#DEFAULT_TOKEN_ISSUER}. */
        public Builder sessionTokenIssuer(String sessionTokenIssuer) {
            this.sessionTokenIssuer = sessionTokenIssuer;
            return this;
        }

        /** The plans and features. Default: the bundled {@value PlanCatalog#BUNDLED}. */
        public Builder planCatalog(PlanCatalog planCatalog) {
            this.planCatalog = planCatalog;
            return this;
        }

        /** The entitlements' stores (overrides, usage ledger). Default: {@link MemoryEntitlementStores}. */
        public Builder entitlementStores(EntitlementStores entitlementStores) {
            this.entitlementStores = entitlementStores;
            return this;
        }

        /** Where {@code upgrade_url} points when a limit refuses. Default {@value Gatehouse#DEFAULT_UPGRADE_URL}. */
        public Builder upgradeUrl(String upgradeUrl) {
            this.upgradeUrl = Objects.requireNonNull(upgradeUrl, "upgradeUrl");
            return this;
        }

        /** Custom roles and role assignments. Default: {@link MemoryRoleStores}. */
        public Builder roleStores(RoleStores roleStores) {
            this.roleStores = roleStores;
            return this;
        }

        /** Both webhook stores (PostgreSQL, for example); memory ones by default. */
        public Builder webhookStores(WebhookEndpoints endpoints, WebhookDeliveries deliveries) {
            this.webhookEndpoints = endpoints;
            this.webhookDeliveries = deliveries;
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

        public Builder webhookSettings(WebhookSettings settings) {
            this.webhookSettings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /**
         * Something else the embedder keeps beneath organizations, projects, environments, users or
         * memberships, stopped by the same cascade when they end (ADR 0018), after Gatehouse's own parts.
         */
        public Builder lifecycleDependent(Dependent dependent) {
            this.lifecycleDependents.add(Objects.requireNonNull(dependent, "dependent"));
            return this;
        }

        public Gatehouse build() {
            boolean anyStore = identityStores != null || sessionStores != null || auditLog != null || relationships != null
                    || eventOutbox != null || tenancyStores != null
                    || keyStores != null
                    || tokenStores != null
                    || entitlementStores != null
                    || roleStores != null
                    || accessRequests != null || accessPolicies != null || workflows != null;
            if (transactions == null && anyStore) {
                throw new IllegalStateException("set transactions() when supplying your own stores");
            }
            MemoryTransactions memoryTx = transactions instanceof MemoryTransactions m ? m
                    : transactions == null ? new MemoryTransactions() : null;
            if (memoryTx == null && (identityStores == null || sessionStores == null || auditLog == null || relationships == null
                    || eventOutbox == null || tenancyStores == null
                    || keyStores == null
                    || tokenStores == null
                    || entitlementStores == null
                    || roleStores == null
                    || accessRequests == null || accessPolicies == null || workflows == null)) {
                throw new IllegalStateException("with your own transactions(), supply every store as well");
            }
            Transactions tx = transactions != null ? transactions : memoryTx;
            if (memoryTx == null && (webhookEndpoints == null || webhookDeliveries == null)) {
                throw new IllegalStateException("with your own transactions(), supply the webhook stores as well");
            }
            EventOutbox outbox = eventOutbox != null ? eventOutbox : new MemoryEventOutbox(memoryTx);
            WebhookEndpoints hooks = webhookEndpoints;
            WebhookDeliveries hookDeliveries = webhookDeliveries;
            if (hooks == null || hookDeliveries == null) {
                MemoryWebhookEndpoints memoryHooks = new MemoryWebhookEndpoints(memoryTx);
                hooks = memoryHooks;
                hookDeliveries = new MemoryWebhookDeliveries(memoryTx, outbox, memoryHooks, clock);
            }
            TenancyStores tenancy = tenancyStores != null ? tenancyStores : MemoryTenancyStores.create(memoryTx);
            Relationships rels = relationships != null ? relationships : new MemoryRelationships(memoryTx);
            Authorizer auth = authorizer != null ? authorizer
                    : LocalAuthorizer.create(PermissionCatalog.productSchemaParsed(), rels, tx, clock).value();
            return new Gatehouse(new Ports(
                    clock,
                    ids != null ? ids : new SecureIdGenerator(clock),
                    tx,
                    identityStores != null ? identityStores : MemoryIdentityStores.create(memoryTx),
                    sessionStores != null ? sessionStores : MemorySessionStores.create(memoryTx),
                    passwordHasher != null ? passwordHasher : new Pbkdf2PasswordHasher(),
                    auditLog != null ? auditLog : new MemoryAuditLog(memoryTx),
                    idempotencyRecords != null ? idempotencyRecords : new MemoryIdempotencyRecords(),
                    rels,
                    auth,
                    outbox,
                    tenancy,
                    mailer != null ? mailer : new LoggingMailer(),
                    invitationLinks,
                    keyStores != null ? keyStores : MemoryKeyStores.create(memoryTx),
                    rateLimitStore != null ? rateLimitStore : new MemoryRateLimitStore(),
                    tierResolver != null ? tierResolver
                            : new PlanTiers(new OrganizationPlans(tenancy.organizations(), tx), clock, rateLimits.defaultTier().name()),
                    rateLimits,
                    auditSettings,
                    tokenStores != null ? tokenStores : MemoryTokenStores.create(memoryTx),
                    secretSealer != null ? secretSealer : SecretSealer.ephemeral(),
                    Objects.requireNonNull(tokenSigner, "tokenSigner"), Objects.requireNonNull(tokenIssuer, "tokenIssuer"),
                    Objects.requireNonNull(sessionTokenIssuer, "sessionTokenIssuer"),
                    planCatalog != null ? planCatalog : PlanCatalog.bundled(),
                    entitlementStores != null ? entitlementStores : MemoryEntitlementStores.create(memoryTx),
                    upgradeUrl,
                    roleStores != null ? roleStores : MemoryRoleStores.create(memoryTx),
                    accessRequests != null ? accessRequests : new MemoryAccessRequests(memoryTx),
                    accessPolicies != null ? accessPolicies : new MemoryAccessPolicies(memoryTx),
                    workflows != null ? workflows : new MemoryWorkflows(memoryTx),

                    hooks, hookDeliveries, webhookGuard, webhookSender, webhookSettings), lifecycleDependents);
        }
    }
}
