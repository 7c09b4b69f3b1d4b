package dev.gatehouse.core.events;

import dev.gatehouse.core.shared.AccessRequestId;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.PolicyId;
import dev.gatehouse.core.shared.ProjectId;
import dev.gatehouse.core.shared.UserId;
import dev.gatehouse.core.shared.WebhookId;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The catalog's examples: one of every record of the {@link Event} family, and the ids and values they share. */
final class Examples {
    static final String ORG_TEXT = "org_01jd0000000000000000000000";
    static final String PRJ_TEXT = "prj_01jd0000000000000000000000";
    static final String ENV_TEXT = "env_01jd0000000000000000000000";
    static final String USR_TEXT = "usr_01jd0000000000000000000000";
    static final String KEY_TEXT = "key_01jd0000000000000000000000";
    static final String ROLE_TEXT = "role_01jd0000000000000000000000";
    static final OrganizationId ORG = OrganizationId.parse(ORG_TEXT).orElseThrow();
    static final ProjectId PRJ = ProjectId.parse(PRJ_TEXT).orElseThrow();
    static final UserId USR = UserId.parse(USR_TEXT).orElseThrow();
    static final WebhookId WHK = WebhookId.parse("whk_01jd0000000000000000000000").orElseThrow();
    static final AccessRequestId REQ = AccessRequestId.parse("req_01jd0000000000000000000000").orElseThrow();
    static final PolicyId POL = PolicyId.parse("pol_01jd0000000000000000000000").orElseThrow();
    static final Instant LATER = Instant.parse("2026-01-15T11:30:00Z");
    private static final Map<String, Object> INVITATION = map("organization_id", ORG_TEXT,
            "invitation_id", "inv_01jd0000000000000000000000", "email", "ada@example.com", "role", "member");
    private static final Map<String, Object> ENVIRONMENT = map("environment_id", ENV_TEXT, "project_id", PRJ_TEXT,
            "organization_id", ORG_TEXT, "name", "staging", "kind", "staging");

    /** One example of every record of the family, in any order: {@link EventCatalog} finds each record's by its class. */
    private static final List<Event> EVENTS = List.of(
            new TenancyEvent.OrganizationCreated(ORG, "acme", USR),
            new TenancyEvent.OrganizationUpdated(ORG, List.of("name")),
            new TenancyEvent.OrganizationDeleted(ORG),
            new TenancyEvent.MemberAdded(ORG, map("organization_id", ORG_TEXT, "user_id", USR_TEXT, "role", "member")),
            new TenancyEvent.MemberRoleChanged(ORG, map("organization_id", ORG_TEXT, "user_id", USR_TEXT, "from",
                    "member", "to", "admin")),
            new TenancyEvent.MemberRemoved(ORG, map("organization_id", ORG_TEXT, "user_id", USR_TEXT, "reason",
                    "member_removed")),
            new TenancyEvent.InvitationCreated(ORG, INVITATION),
            new TenancyEvent.InvitationResent(ORG, INVITATION),
            new TenancyEvent.InvitationRevoked(ORG, INVITATION),
            new TenancyEvent.InvitationAccepted(ORG, INVITATION),
            new TenancyEvent.ProjectCreated(PRJ, ORG, "Web"),
            new TenancyEvent.ProjectUpdated(PRJ, ORG, List.of("name")),
            new TenancyEvent.ProjectDeleted(PRJ, ORG),
            new TenancyEvent.ProjectRestored(PRJ, ORG),
            new TenancyEvent.ProjectPurged(PRJ, ORG),
            new TenancyEvent.EnvironmentCreated(ORG, ENVIRONMENT),
            new TenancyEvent.EnvironmentDeleted(ORG, ENVIRONMENT),
            new KeyEvent.ApiKeyCreated(ORG, map("api_key_id", KEY_TEXT, "organization_id", ORG_TEXT, "name", "CI",
                    "prefix", "sk_live_a1B2", "scopes", List.of("projects:read"), "status", "active")),
            new KeyEvent.ApiKeyRotated(ORG, map("api_key_id", KEY_TEXT, "organization_id", ORG_TEXT, "status",
                    "rotating", "replaced_by", "key_01jd0000000000000000000001")),
            new KeyEvent.ApiKeyRevoked(ORG, map("api_key_id", KEY_TEXT, "organization_id", ORG_TEXT, "status",
                    "revoked", "reason", "manual")),
            new KeyEvent.ApiKeyExpiring(ORG, map("api_key_id", KEY_TEXT, "organization_id", ORG_TEXT, "status",
                    "active", "expires_in_days", 7L)),
            new KeyEvent.ApiKeyExpired(ORG, map("api_key_id", KEY_TEXT, "organization_id", ORG_TEXT, "status",
                    "expired", "reason", "expired")),
            new KeyEvent.SigningKeyRotated(ORG, map("organization_id", ORG_TEXT, "project_id", PRJ_TEXT,
                    "signing_key_id", "sgk_01jd0000000000000000000000")),
            new RoleEvent.RoleCreated(ORG, map("role_id", ROLE_TEXT, "organization_id", ORG_TEXT, "name", "Auditor",
                    "permissions", List.of("audit:read"))),
            new RoleEvent.RoleUpdated(ORG, map("role_id", ROLE_TEXT, "organization_id", ORG_TEXT, "name", "Auditor",
                    "permissions", List.of("audit:read", "projects:read"))),
            new RoleEvent.RoleDeleted(ORG, map("role_id", ROLE_TEXT, "organization_id", ORG_TEXT, "name", "Auditor",
                    "assignments_removed", 1)),
            new RoleEvent.RoleAssignmentCreated(ORG, map("role_assignment_id", "ra_01jd0000000000000000000000",
                    "organization_id", ORG_TEXT, "role_id", ROLE_TEXT, "built_in", false, "user_id", USR_TEXT,
                    "resource_type", "project", "resource_id", PRJ_TEXT)),
            new RoleEvent.RoleAssignmentDeleted(ORG, map("role_assignment_id", "ra_01jd0000000000000000000000",
                    "organization_id", ORG_TEXT, "role_id", ROLE_TEXT, "user_id", USR_TEXT)),
            new IdentityEvent.UserUpdated(USR, List.of("name")),
            new IdentityEvent.UserDeactivated(USR),
            new IdentityEvent.UserSignedUp(ORG, USR, "invitation"),
            new IdentityEvent.UserEmailVerified(USR),
            new IdentityEvent.SessionEnded(USR, "ses_01jd0000000000000000000000", "logout"),
            new IdentityEvent.SessionRevoked(USR, "ses_01jd0000000000000000000000", "revoked"),
            new EntitlementEvent.PlanChanged(ORG, "free", "pro"),
            new EntitlementEvent.EntitlementOverridden(ORG, map("feature", "projects", "before", "10", "after", "50",
                    "organization_id", ORG_TEXT)),
            new EntitlementEvent.ThresholdReached(ORG, map("organization_id", ORG_TEXT, "feature", "projects",
                    "threshold", 80, "used", 8L, "limit", 10L)),
            new ApprovalEvent.Submitted(ApprovalEvent.Request.example("pending", null), POL, "Hotfix for INC-42"),
            new ApprovalEvent.Approved(ApprovalEvent.Request.example("approved", LATER),
                    new ApprovalEvent.Vote("approved", 1, "Leads", "ok", null), null),
            new ApprovalEvent.StagePassed(ApprovalEvent.Request.example("pending", null),
                    new ApprovalEvent.Vote("approved", 1, "Peers", "ok", null), 2, "Leads"),
            new ApprovalEvent.Rejected(ApprovalEvent.Request.example("rejected", null),
                    new ApprovalEvent.Vote("rejected", 1, "Leads", null, "not now")),
            new ApprovalEvent.Cancelled(ApprovalEvent.Request.example("cancelled", null), null),
            new ApprovalEvent.Expired(ApprovalEvent.Request.example("expired", null)),
            new ApprovalEvent.GrantExpired(ApprovalEvent.Request.example("approved", LATER)),
            new ApprovalEvent.GrantRevoked(ApprovalEvent.Request.example("approved", LATER), "done"),
            new WebhookEvent.Created(WebhookEvent.Endpoint.example(List.of("project.*"))),
            new WebhookEvent.Updated(WebhookEvent.Endpoint.example(List.of("*"))),
            new WebhookEvent.Deleted(WebhookEvent.Endpoint.example(List.of("*"))),
            new WebhookEvent.SecretRotated(WebhookEvent.Endpoint.example(List.of("*")),
                    Instant.parse("2026-01-16T10:30:00Z")),
            new WebhookEvent.EndpointDisabled(new WebhookEvent.Endpoint(WHK, ORG, "https://example.com/hooks",
                    List.of("*"), false), "the endpoint answered 410 Gone"),
            new WebhookEvent.Test(WHK, WebhookEvent.Test.MESSAGE));



    private Examples() {
    }

    /** Every example, in the table's order. */
    static List<Event> all() {
        return EVENTS;
    }

    /** The example of one record of the family, for the catalog; empty when it has none. */
    static Optional<Event> of(Class<? extends Event> recordClass) {
        return EVENTS.stream().filter(e -> e.getClass() == recordClass).findFirst();
    }

    /** A payload from key/value pairs, in order. */
    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
