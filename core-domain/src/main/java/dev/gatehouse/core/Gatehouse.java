package dev.gatehouse.core;

import dev.gatehouse.core.approvals.AccessPolicies;
import dev.gatehouse.core.approvals.AccessRequests;
import dev.gatehouse.core.approvals.ApprovalUseCases;
import dev.gatehouse.core.approvals.CancelAccessRequest;
import dev.gatehouse.core.approvals.DecideAccessRequest;
import dev.gatehouse.core.approvals.GetAccessRequest;
import dev.gatehouse.core.approvals.ListAccessRequests;
import dev.gatehouse.core.approvals.ManagePolicies;
import dev.gatehouse.core.approvals.ManageWorkflows;
import dev.gatehouse.core.approvals.RevokeAccessGrant;
import dev.gatehouse.core.approvals.SettleAccessRequests;
import dev.gatehouse.core.approvals.SubmitAccessRequest;
import dev.gatehouse.core.approvals.Workflows;
import dev.gatehouse.core.memory.MemoryAccessPolicies;
import dev.gatehouse.core.memory.MemoryAccessRequests;
import dev.gatehouse.core.memory.MemoryWorkflows;
import dev.gatehouse.core.audit.AuditLog;
import dev.gatehouse.core.audit.Auditor;
import dev.gatehouse.core.audit.WriteBehindAuditLog;
import dev.gatehouse.core.audit.ListAuditEvents;
import dev.gatehouse.core.entitlements.OrganizationPlans;
import dev.gatehouse.core.entitlements.PlanTiers;
import dev.gatehouse.core.entitlements.PlanCatalog;
import dev.gatehouse.core.entitlements.EntitlementStores;
import dev.gatehouse.core.entitlements.EntitlementUseCases;
import dev.gatehouse.core.memory.MemoryEntitlementStores;
import dev.gatehouse.core.authorization.Authorizer;
import dev.gatehouse.core.authorization.CheckPermission;
import dev.gatehouse.core.authorization.ListPermissions;
import dev.gatehouse.core.authorization.LocalAuthorizer;
import dev.gatehouse.core.authorization.LookupResources;
import dev.gatehouse.core.authorization.LookupSubjects;
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
import dev.gatehouse.core.keys.EnsureSigningKey;
import dev.gatehouse.core.keys.SigningKeys;
import dev.gatehouse.core.events.EventOutbox;
import dev.gatehouse.core.events.Events;
import dev.gatehouse.core.memory.MemoryEnvironments;
import dev.gatehouse.core.memory.MemoryProjects;
import dev.gatehouse.core.tenancy.projects.CreateEnvironment;
import dev.gatehouse.core.tenancy.projects.CreateProject;
import dev.gatehouse.core.tenancy.projects.DeleteEnvironment;
import dev.gatehouse.core.tenancy.projects.DeleteProject;
import dev.gatehouse.core.tenancy.projects.Environments;
import dev.gatehouse.core.tenancy.projects.GetProject;
import dev.gatehouse.core.tenancy.projects.ListEnvironments;
import dev.gatehouse.core.tenancy.projects.ListProjects;
import dev.gatehouse.core.tenancy.projects.ProjectContext;
import dev.gatehouse.core.tenancy.projects.Projects;
import dev.gatehouse.core.tenancy.projects.PurgeDeletedProjects;
import dev.gatehouse.core.tenancy.projects.RestoreProject;
import dev.gatehouse.core.tenancy.projects.UpdateProject;
import dev.gatehouse.core.memory.MemoryAuditLog;
import dev.gatehouse.core.memory.MemoryEventOutbox;
import dev.gatehouse.core.memory.MemoryIdempotencyRecords;
import dev.gatehouse.core.memory.MemoryRelationships;
import dev.gatehouse.core.memory.MemorySigningKeys;
import dev.gatehouse.core.memory.MemoryTransactions;
import dev.gatehouse.core.memory.MemoryIdentityStores;
import dev.gatehouse.core.memory.MemorySessionStores;
import dev.gatehouse.core.memory.MemoryRateLimitStore;
import dev.gatehouse.core.ratelimit.RateLimitStore;
import dev.gatehouse.core.ratelimit.RateLimiter;
import dev.gatehouse.core.ratelimit.TierResolver;
import dev.gatehouse.core.tenancy.CreateOrganization;
import dev.gatehouse.core.tenancy.ListOrganizations;
import dev.gatehouse.core.tenancy.GetOrganization;
import dev.gatehouse.core.tenancy.UpdateOrganization;
import dev.gatehouse.core.tenancy.DeleteOrganization;
import dev.gatehouse.core.tenancy.ListMembers;
import dev.gatehouse.core.tenancy.AddMember;
import dev.gatehouse.core.tenancy.ChangeMemberRole;
import dev.gatehouse.core.tenancy.RemoveMember;
import dev.gatehouse.core.tenancy.CreateInvitation;
import dev.gatehouse.core.tenancy.ListInvitations;
import dev.gatehouse.core.tenancy.RevokeInvitation;
import dev.gatehouse.core.tenancy.ResendInvitation;
import dev.gatehouse.core.tenancy.AcceptInvitation;
import dev.gatehouse.core.tenancy.Invitations;
import dev.gatehouse.core.tenancy.InvitationLinks;
import dev.gatehouse.core.tenancy.Mailer;
import dev.gatehouse.core.tenancy.Memberships;
import dev.gatehouse.core.tenancy.Organizations;
import dev.gatehouse.core.tenancy.TenancyPorts;
import dev.gatehouse.core.memory.LoggingMailer;
import dev.gatehouse.core.memory.MemoryInvitations;
import dev.gatehouse.core.memory.MemoryMemberships;
import dev.gatehouse.core.memory.MemoryOrganizations;
import dev.gatehouse.core.authorization.AccessControl;
import dev.gatehouse.core.events.Events;
import dev.gatehouse.core.shared.IdGenerator;
import dev.gatehouse.core.shared.SecureIdGenerator;
import dev.gatehouse.core.shared.Transactions;
import dev.gatehouse.core.shared.crypto.SecretSealer;
import dev.gatehouse.core.memory.MemoryProjectSigningKeys;
import dev.gatehouse.core.tokens.GetProjectJwks;
import dev.gatehouse.core.tokens.IssueAccessToken;
import dev.gatehouse.core.tokens.JdkTokenSigner;
import dev.gatehouse.core.tokens.ListSigningKeys;
import dev.gatehouse.core.tokens.ProjectSigningKeys;
import dev.gatehouse.core.tokens.RotateSigningKey;
import dev.gatehouse.core.tokens.SigningKeyContext;
import dev.gatehouse.core.tokens.SigningKeyPurge;
import dev.gatehouse.core.tokens.TokenSigner;

import dev.gatehouse.core.memory.MemoryWebhookDeliveries;
import dev.gatehouse.core.memory.MemoryWebhookEndpoints;
import dev.gatehouse.core.webhooks.ManageWebhooks;
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
 * gatehouse.checkPermission().handle(new CheckPermission.Command(Caller.system("gate"),
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
    private final Auditor auditor;
    private final WriteBehindAuditLog auditWriteBehind;
    private final dev.gatehouse.core.reach.ResourceOwners resourceOwners;
    private final dev.gatehouse.core.tokens.IntrospectAccessToken introspectAccessToken;
    private final IdentityUseCases identity;
    private final SessionUseCases sessions;
    private final ListAuditEvents listAuditEvents;
    private final Idempotency idempotency;
    private final EnsureSigningKey ensureSigningKey;
    private final CheckPermission checkPermission;
    private final LookupResources lookupResources;
    private final LookupSubjects lookupSubjects;
    private final ListPermissions listPermissions;
    private final Events events;
    private final CreateProject createProject;
    private final ListProjects listProjects;
    private final GetProject getProject;
    private final UpdateProject updateProject;
    private final DeleteProject deleteProject;
    private final RestoreProject restoreProject;
    private final PurgeDeletedProjects purgeDeletedProjects;
    private final ListEnvironments listEnvironments;
    private final CreateEnvironment createEnvironment;
    private final DeleteEnvironment deleteEnvironment;
    private final CreateOrganization createOrganization;
    private final ListOrganizations listOrganizations;
    private final GetOrganization getOrganization;
    private final UpdateOrganization updateOrganization;
    private final DeleteOrganization deleteOrganization;
    private final ListMembers listMembers;
    private final AddMember addMember;
    private final ChangeMemberRole changeMemberRole;
    private final RemoveMember removeMember;
    private final CreateInvitation createInvitation;
    private final ListInvitations listInvitations;
    private final RevokeInvitation revokeInvitation;
    private final ResendInvitation resendInvitation;
    private final AcceptInvitation acceptInvitation;
    private final RateLimiter rateLimiter;
    private final ListSigningKeys listSigningKeys;
    private final RotateSigningKey rotateSigningKey;
    private final GetProjectJwks getProjectJwks;
    private final IssueAccessToken issueAccessToken;
    private final RoleUseCases roles;
    private final SubmitAccessRequest submitAccessRequest;
    private final DecideAccessRequest decideAccessRequest;
    private final CancelAccessRequest cancelAccessRequest;
    private final RevokeAccessGrant revokeAccessGrant;
    private final GetAccessRequest getAccessRequest;
    private final ListAccessRequests listAccessRequests;
    private final SettleAccessRequests settleAccessRequests;
    private final ManageWorkflows manageWorkflows;
    private final ManagePolicies managePolicies;
    private final WebhookDispatcher webhookDispatcher;
    private final ManageWebhooks webhooks;

    /**
     * The driven ports and infrastructure one Gatehouse runs on. {@code relationships} is the store
     * the local authorizer reads; {@code authorizer} answers permission questions (local over those
     * relationships, or SpiceDB). {@code secretSealer} encrypts secrets at rest (project signing
     * keys); {@code tokenSigner} signs access tokens, whose {@code iss} is {@code tokenIssuer}.
     */
    public record Ports(Clock clock, IdGenerator ids, Transactions transactions, IdentityStores identityStores,
                        SessionStores sessionStores, PasswordHasher passwordHasher,
                        AuditLog auditLog, IdempotencyRecords idempotencyRecords, SigningKeys signingKeys,
                        Relationships relationships, Authorizer authorizer, EventOutbox eventOutbox,
                        Projects projects, Environments environments,
                        Organizations organizations, Memberships memberships, Invitations invitations, Mailer mailer,
                        InvitationLinks invitationLinks, KeyStores keyStores,
                        RateLimitStore rateLimitStore, TierResolver tierResolver, RateLimiter.Settings rateLimits,
                        ProjectSigningKeys projectSigningKeys, SecretSealer secretSealer, TokenSigner tokenSigner,
                        String tokenIssuer,

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
            Objects.requireNonNull(projectSigningKeys, "projectSigningKeys");
            Objects.requireNonNull(secretSealer, "secretSealer");
            Objects.requireNonNull(tokenSigner, "tokenSigner");
            Objects.requireNonNull(tokenIssuer, "tokenIssuer");
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
            Objects.requireNonNull(signingKeys, "signingKeys");
            Objects.requireNonNull(relationships, "relationships");
            Objects.requireNonNull(authorizer, "authorizer");
            Objects.requireNonNull(eventOutbox, "eventOutbox");
            Objects.requireNonNull(projects, "projects");
            Objects.requireNonNull(environments, "environments");
            Objects.requireNonNull(organizations, "organizations");
            Objects.requireNonNull(memberships, "memberships");
            Objects.requireNonNull(invitations, "invitations");
            Objects.requireNonNull(mailer, "mailer");
            Objects.requireNonNull(invitationLinks, "invitationLinks");
        }
    }

    private Gatehouse(Ports p, List<Dependent> lifecycleDependents) {
        this.ports = p;
        // one cascade for every ending (ADR 0018); each feature registers its part below, embedders' parts last
        Cascade cascade = new Cascade();
        this.auditWriteBehind = new WriteBehindAuditLog(p.auditLog(), p.transactions()); // ADR 30
        this.auditor = new Auditor(auditWriteBehind, p.clock(), p.ids());
        this.listAuditEvents = dev.gatehouse.core.audit.AuditTrail.wire(auditWriteBehind, p.organizations()::live, p.authorizer(), auditor,
                p.transactions(), p.clock(), dev.gatehouse.core.audit.AuditTrail.Settings.defaults()).list();
        this.idempotency = new Idempotency(p.idempotencyRecords(), p.clock());
        this.ensureSigningKey = new EnsureSigningKey(p.signingKeys(), p.transactions(), p.clock(), p.ids(), p.secretSealer());
        this.checkPermission = new CheckPermission(p.authorizer(), p.clock());
        this.lookupResources = new LookupResources(p.authorizer());
        this.lookupSubjects = new LookupSubjects(p.authorizer());
        this.listPermissions = new ListPermissions();
        this.events = new Events(p.eventOutbox(), p.clock(), p.ids());
        this.platform = new Platform(p.clock(), p.ids(), p.transactions(), p.authorizer(), auditor, events);
        this.resourceOwners = new dev.gatehouse.core.reach.ResourceOwners(new dev.gatehouse.core.reach.ResourceOwners.Stores(
                p.transactions(), p.organizations(), p.projects(), p.environments(), p.keyStores().apiKeys(), p.roleStores().roles(),
                p.accessRequests(), p.workflows(), p.accessPolicies(), p.webhookEndpoints()));
        // a user sees a token when they may verify keys where its key lives (api_keys_verify on its environment)
        this.introspectAccessToken = new dev.gatehouse.core.tokens.IntrospectAccessToken(new dev.gatehouse.core.tokens.IntrospectAccessToken.Ports(
                p.transactions(), p.clock(), p.tokenIssuer(), p.projectSigningKeys(), p.keyStores().apiKeys(), p.organizations(),
                p.projects(), p.environments(),
                (user, key) -> key.environment().map(env -> p.authorizer().check(
                                new dev.gatehouse.core.authorization.ObjectRef("environment", env.text()), "api_keys_verify",
                                dev.gatehouse.core.authorization.SubjectRef.of("user", user.userId().text())))
                        .map(r -> r.isOk() && r.value() == dev.gatehouse.core.authorization.Permissionship.HAS_PERMISSION)
                        .orElse(false)));
        this.entitlements = EntitlementUseCases.wire(p.entitlementStores(), platform, p.planCatalog(), p.organizations(),
                p.upgradeUrl());
        var entitlements = this.entitlements.engine();
        this.identity = IdentityUseCases.wire(p.identityStores(), platform, p.passwordHasher(), cascade);
        var projectContext = new ProjectContext(p.projects(), p.environments(), p.authorizer(), auditor, events,
                p.transactions(), p.clock(), p.ids(), entitlements);
        this.createProject = new CreateProject(projectContext);
        this.listProjects = new ListProjects(projectContext);
        this.getProject = new GetProject(projectContext);
        this.updateProject = new UpdateProject(projectContext);
        this.deleteProject = new DeleteProject(projectContext, cascade);
        this.restoreProject = new RestoreProject(projectContext);
        this.purgeDeletedProjects = new PurgeDeletedProjects(projectContext, cascade);
        this.rateLimiter = new RateLimiter(p.rateLimitStore(), p.tierResolver(),
                new ApiKeyTiers(p.keyStores().apiKeys(), p.transactions(), p.clock()), p.rateLimits(), p.clock());
        this.keys = KeyUseCases.wire(p.keyStores(), platform, p.organizations(), p.projects(), p.environments(),
                entitlements, rateLimiter);
        var signingKeyContext = new SigningKeyContext(p.projectSigningKeys(), p.projects(), p.authorizer(), auditor, events,
                p.transactions(), p.clock(), p.ids(), p.secretSealer(), p.tokenSigner(), p.tokenIssuer());
        this.listSigningKeys = new ListSigningKeys(signingKeyContext);
        this.rotateSigningKey = new RotateSigningKey(signingKeyContext);
        this.getProjectJwks = new GetProjectJwks(signingKeyContext);
        this.issueAccessToken = new IssueAccessToken(signingKeyContext);
        this.listEnvironments = new ListEnvironments(projectContext);
        this.createEnvironment = new CreateEnvironment(projectContext);
        this.deleteEnvironment = new DeleteEnvironment(projectContext, cascade);
        TenancyPorts tenancy = new TenancyPorts(p.organizations(), p.memberships(), p.invitations(), p.identityStores().users(),
                p.authorizer(), new AccessControl(p.authorizer()), auditor, events,
                p.transactions(), p.clock(), p.ids(), p.mailer(), p.invitationLinks(), entitlements);
        this.createOrganization = new CreateOrganization(tenancy);
        this.listOrganizations = new ListOrganizations(tenancy);
        this.getOrganization = new GetOrganization(tenancy);
        this.updateOrganization = new UpdateOrganization(tenancy);
        this.deleteOrganization = new DeleteOrganization(tenancy, cascade);
        this.listMembers = new ListMembers(tenancy);
        this.addMember = new AddMember(tenancy);
        this.changeMemberRole = new ChangeMemberRole(tenancy);
        var approvals = ApprovalUseCases.wire(p.accessRequests(), p.accessPolicies(), p.workflows(), p.organizations(),
                p.projects(), p.environments(), p.authorizer(), auditor, events, p.transactions(), p.clock(), p.ids());
        var grantCleanup = approvals.grantCleanup();
        this.removeMember = new RemoveMember(tenancy, cascade);
        this.createInvitation = new CreateInvitation(tenancy);
        this.listInvitations = new ListInvitations(tenancy);
        this.revokeInvitation = new RevokeInvitation(tenancy);
        this.resendInvitation = new ResendInvitation(tenancy);
        this.acceptInvitation = new AcceptInvitation(tenancy);
        this.roles = RoleUseCases.wire(p.roleStores(), platform, p.organizations(), p.memberships(), p.projects(),
                p.environments());
        this.sessions = SessionUseCases.wire(p.sessionStores(), platform, p.identityStores().users(), p.memberships(),
                p.organizations(), p.invitations(), acceptInvitation, p.passwordHasher());
        this.settleAccessRequests = approvals.settle();
        this.submitAccessRequest = approvals.submit();
        this.decideAccessRequest = approvals.decide();
        this.cancelAccessRequest = approvals.cancel();
        this.revokeAccessGrant = approvals.revoke();
        this.getAccessRequest = approvals.get();
        this.listAccessRequests = approvals.list();
        this.manageWorkflows = approvals.workflows();
        this.managePolicies = approvals.policies();
        var webhookFeature = WebhookUseCases.wire(p.webhookEndpoints(), p.webhookDeliveries(), p.organizations(),
                p.authorizer(), auditor, events, p.transactions(), p.clock(), p.ids(), p.secretSealer(),
                entitlements, p.webhookGuard(), p.webhookSender(), p.webhookSettings());
        this.webhookDispatcher = webhookFeature.dispatcher();
        if (p.eventOutbox() instanceof MemoryEventOutbox memoryOutbox) {
            // in memory nothing else tells the dispatcher about a new event (PostgreSQL: LISTEN/NOTIFY)
            memoryOutbox.onAppend(webhookDispatcher::wake);
        }
        this.webhooks = webhookFeature.manage();
        cascade.register(new dev.gatehouse.core.tenancy.MembershipCascade(tenancy, cascade))
                .register(keys.cascade())
                .register(new SigningKeyPurge(p.projectSigningKeys()))
                .register(roles.cascade())
                .register(grantCleanup)
                .register(webhookFeature.cascade());
        cascade.register(sessions.sessions().cascade()); // a deactivated user's sessions end
        lifecycleDependents.forEach(cascade::register);
    }

    public SubmitAccessRequest submitAccessRequest() {
        return submitAccessRequest;
    }

    public DecideAccessRequest decideAccessRequest() {
        return decideAccessRequest;
    }

    public CancelAccessRequest cancelAccessRequest() {
        return cancelAccessRequest;
    }

    public RevokeAccessGrant revokeAccessGrant() {
        return revokeAccessGrant;
    }

    public GetAccessRequest getAccessRequest() {
        return getAccessRequest;
    }

    public ListAccessRequests listAccessRequests() {
        return listAccessRequests;
    }

    /** The expiry job's use case: pending TTLs and ended grants. */
    public SettleAccessRequests settleAccessRequests() {
        return settleAccessRequests;
    }

    public ManageWorkflows manageWorkflows() {
        return manageWorkflows;
    }

    public ManagePolicies managePolicies() {
        return managePolicies;
    }

    /** The webhook use cases: endpoints, secrets, the deliveries log, retry, test, replay. */
    public ManageWebhooks webhooks() {
        return webhooks;
    }

    /**
     * Delivers the event outbox to webhook endpoints. Not started by the builder: call
     * {@link WebhookDispatcher#start()} (the server does), or {@link WebhookDispatcher#runOnce()} in tests.
     */
    public WebhookDispatcher webhookDispatcher() {
        return webhookDispatcher;
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
     * Audit entries written behind (issued access tokens, ADR 30): call
     * {@link WriteBehindAuditLog#flush()} every second or so and at shutdown.
     */
    public WriteBehindAuditLog auditWriteBehind() {
        return auditWriteBehind;
    }

    /** Which organization owns a resource a route names (reach before scope, ADR 0017). */
    public dev.gatehouse.core.reach.ResourceOwners resourceOwners() {
        return resourceOwners;
    }

    /** Whether an access token from the API-key exchange is still good (RFC 7662 introspection). */
    public dev.gatehouse.core.tokens.IntrospectAccessToken introspectAccessToken() {
        return introspectAccessToken;
    }

    public Auditor auditor() {
        return auditor;
    }

    /** The identity feature: create, authenticate, get, list, update and deactivate users; the initial admin. */
    public IdentityUseCases identity() {
        return identity;
    }

    /** The sessions feature: users' sessions and the sign-up by invitation. */
    public SessionUseCases sessions() {
        return sessions;
    }

    public ListAuditEvents listAuditEvents() {
        return listAuditEvents;
    }

    public Idempotency idempotency() {
        return idempotency;
    }

    public EnsureSigningKey ensureSigningKey() {
        return ensureSigningKey;
    }

    public CheckPermission checkPermission() {
        return checkPermission;
    }

    public LookupResources lookupResources() {
        return lookupResources;
    }

    public LookupSubjects lookupSubjects() {
        return lookupSubjects;
    }

    public ListPermissions listPermissions() {
        return listPermissions;
    }

    /** Records domain events into the outbox; for use cases an embedder adds. */
    public Events events() {
        return events;
    }

    public CreateProject createProject() {
        return createProject;
    }

    public ListProjects listProjects() {
        return listProjects;
    }

    public GetProject getProject() {
        return getProject;
    }

    public UpdateProject updateProject() {
        return updateProject;
    }

    public DeleteProject deleteProject() {
        return deleteProject;
    }

    public RestoreProject restoreProject() {
        return restoreProject;
    }

    public PurgeDeletedProjects purgeDeletedProjects() {
        return purgeDeletedProjects;
    }

    public ListEnvironments listEnvironments() {
        return listEnvironments;
    }

    public CreateEnvironment createEnvironment() {
        return createEnvironment;
    }

    public DeleteEnvironment deleteEnvironment() {
        return deleteEnvironment;
    }

    public CreateOrganization createOrganization() {
        return createOrganization;
    }

    public ListOrganizations listOrganizations() {
        return listOrganizations;
    }

    public GetOrganization getOrganization() {
        return getOrganization;
    }

    public UpdateOrganization updateOrganization() {
        return updateOrganization;
    }

    public DeleteOrganization deleteOrganization() {
        return deleteOrganization;
    }

    public ListMembers listMembers() {
        return listMembers;
    }

    public AddMember addMember() {
        return addMember;
    }

    public ChangeMemberRole changeMemberRole() {
        return changeMemberRole;
    }

    public RemoveMember removeMember() {
        return removeMember;
    }

    public CreateInvitation createInvitation() {
        return createInvitation;
    }

    public ListInvitations listInvitations() {
        return listInvitations;
    }

    public RevokeInvitation revokeInvitation() {
        return revokeInvitation;
    }

    public ResendInvitation resendInvitation() {
        return resendInvitation;
    }

    public AcceptInvitation acceptInvitation() {
        return acceptInvitation;
    }

    /** Per-tier request rate limits of API keys and users (the HTTP adapter applies them to every authenticated request). */
    public RateLimiter rateLimiter() {
        return rateLimiter;
    }

    /** A project's signing keys (public parts); creates the first one. */
    public ListSigningKeys listSigningKeys() {
        return listSigningKeys;
    }

    public RotateSigningKey rotateSigningKey() {
        return rotateSigningKey;
    }

    /** The public keys verifying a project's access tokens (no caller check: the JWKS is public). */
    public GetProjectJwks getProjectJwks() {
        return getProjectJwks;
    }

    /** Exchanges a project API key (the caller) for a signed access token. */
    public IssueAccessToken issueAccessToken() {
        return issueAccessToken;
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
        private SigningKeys signingKeys;
        private Relationships relationships;
        private Authorizer authorizer;
        private EventOutbox eventOutbox;
        private Projects projects;
        private Environments environments;
        private final List<Dependent> lifecycleDependents = new ArrayList<>();
        private Organizations organizations;
        private Memberships memberships;
        private Invitations invitations;
        private Mailer mailer;
        private InvitationLinks invitationLinks = InvitationLinks.defaults();
        private KeyStores keyStores;
        private RateLimitStore rateLimitStore;
        private TierResolver tierResolver;
        private RateLimiter.Settings rateLimits = RateLimiter.Settings.defaults();
        private ProjectSigningKeys projectSigningKeys;
        private SecretSealer secretSealer;
        private TokenSigner tokenSigner = new JdkTokenSigner();
        private String tokenIssuer = DEFAULT_TOKEN_ISSUER;
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

        public Builder idempotencyRecords(IdempotencyRecords idempotencyRecords) {
            this.idempotencyRecords = idempotencyRecords;
            return this;
        }

        public Builder signingKeys(SigningKeys signingKeys) {
            this.signingKeys = signingKeys;
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

        public Builder organizations(Organizations organizations) {
            this.organizations = organizations;
            return this;
        }

        public Builder memberships(Memberships memberships) {
            this.memberships = memberships;
            return this;
        }

        public Builder invitations(Invitations invitations) {
            this.invitations = invitations;
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

        public Builder projectSigningKeys(ProjectSigningKeys projectSigningKeys) {
            this.projectSigningKeys = projectSigningKeys;
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

        /** Signs access tokens. Default: {@link JdkTokenSigner}. */
        public Builder tokenSigner(TokenSigner tokenSigner) {
            this.tokenSigner = tokenSigner;
            return this;
        }

        /** The {@code iss} of access tokens. Default {@value Gatehouse#DEFAULT_TOKEN_ISSUER}. */
        public Builder tokenIssuer(String tokenIssuer) {
            this.tokenIssuer = tokenIssuer;
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

        public Builder projects(Projects projects) {
            this.projects = projects;
            return this;
        }

        public Builder environments(Environments environments) {
            this.environments = environments;
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
            boolean anyStore = identityStores != null || sessionStores != null
                    || auditLog != null || signingKeys != null || relationships != null
                    || eventOutbox != null || projects != null || environments != null
                    || organizations != null || memberships != null || invitations != null || keyStores != null
                    || projectSigningKeys != null
                    || entitlementStores != null
                    || roleStores != null
                    || accessRequests != null || accessPolicies != null || workflows != null;
            if (transactions == null && anyStore) {
                throw new IllegalStateException("set transactions() when supplying your own stores");
            }
            MemoryTransactions memoryTx = transactions instanceof MemoryTransactions m ? m
                    : transactions == null ? new MemoryTransactions() : null;
            if (memoryTx == null && (identityStores == null || sessionStores == null
                    || auditLog == null || signingKeys == null || relationships == null
                    || eventOutbox == null || projects == null || environments == null
                    || organizations == null || memberships == null || invitations == null || keyStores == null
                    || projectSigningKeys == null
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
            Organizations orgs = organizations != null ? organizations : new MemoryOrganizations(memoryTx);
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
                    signingKeys != null ? signingKeys : new MemorySigningKeys(memoryTx),
                    rels,
                    auth,
                    outbox,
                    projects != null ? projects : new MemoryProjects(memoryTx),
                    environments != null ? environments : new MemoryEnvironments(memoryTx),
                    orgs,
                    memberships != null ? memberships : new MemoryMemberships(memoryTx),
                    invitations != null ? invitations : new MemoryInvitations(memoryTx),
                    mailer != null ? mailer : new LoggingMailer(),
                    invitationLinks,
                    keyStores != null ? keyStores : MemoryKeyStores.create(memoryTx),
                    rateLimitStore != null ? rateLimitStore : new MemoryRateLimitStore(),
                    tierResolver != null ? tierResolver
                            : new PlanTiers(new OrganizationPlans(orgs, tx), clock, rateLimits.defaultTier().name()),
                    rateLimits,
                    projectSigningKeys != null ? projectSigningKeys : new MemoryProjectSigningKeys(memoryTx),
                    secretSealer != null ? secretSealer : SecretSealer.ephemeral(),
                    Objects.requireNonNull(tokenSigner, "tokenSigner"), Objects.requireNonNull(tokenIssuer, "tokenIssuer"),
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
