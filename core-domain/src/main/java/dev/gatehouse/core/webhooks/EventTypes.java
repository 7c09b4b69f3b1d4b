package dev.gatehouse.core.webhooks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every domain event type the product emits (a test checks the code records no other), with a short
 * description and an example {@code data}. Served by {@code GET /api/v1/event-types}.
 */
public final class EventTypes {
    public record EventType(String type, String description, Map<String, Object> example) {
    }

    private static final String ORG = "org_01jd0000000000000000000000";
    private static final String PRJ = "prj_01jd0000000000000000000000";
    private static final String ENV = "env_01jd0000000000000000000000";
    private static final String USR = "usr_01jd0000000000000000000000";
    private static final String KEY = "key_01jd0000000000000000000000";

    private static final List<EventType> ALL = List.of(
            t("organization.created", "An organization was created", "organization_id", ORG, "name", "Acme", "slug", "acme"),
            t("organization.updated", "An organization's name, slug or settings changed", "organization_id", ORG, "name", "Acme Inc"),
            t("organization.deleted", "An organization was deleted", "organization_id", ORG),
            t("organization.plan_changed", "An organization moved to another plan tier", "organization_id", ORG,
                    "from", "free", "to", "pro"),
            t("member.added", "A user became a member", "organization_id", ORG, "user_id", USR, "role", "member"),
            t("member.role_changed", "A member's role changed", "organization_id", ORG, "user_id", USR,
                    "from", "member", "to", "admin"),
            t("member.removed", "A member was removed, or left every organization when their user was deactivated "
                    + "(reason member_removed or user_deactivated)", "organization_id", ORG, "user_id", USR, "reason", "member_removed"),
            t("invitation.created", "An invitation was sent", "organization_id", ORG, "invitation_id",
                    "inv_01jd0000000000000000000000", "email", "ada@example.com", "role", "member"),
            t("invitation.resent", "An invitation was sent again", "organization_id", ORG, "invitation_id",
                    "inv_01jd0000000000000000000000"),
            t("invitation.revoked", "An invitation was revoked", "organization_id", ORG, "invitation_id",
                    "inv_01jd0000000000000000000000"),
            t("invitation.accepted", "An invitation was accepted", "organization_id", ORG, "invitation_id",
                    "inv_01jd0000000000000000000000", "user_id", USR),
            t("user.updated", "A user's profile changed", "user_id", USR, "name", "Ada Lovelace"),
            t("user.deactivated", "A user was deactivated", "user_id", USR),
            t("user.signed_up", "Someone without an account accepted an invitation with a name and password (via invitation)",
                    "organization_id", ORG, "user_id", USR, "via", "invitation"),
            t("session.ended", "A user logged out (reason logout)", "user_id", USR, "session_id", "ses_01jd0000000000000000000000",
                    "reason", "logout"),
            t("session.revoked", "A session was revoked by its user or a platform admin, or ended with its user's deactivation "
                    + "(reason revoked or user_deactivated)", "user_id", USR, "session_id", "ses_01jd0000000000000000000000",
                    "reason", "revoked"),
            t("project.created", "A project was created", "organization_id", ORG, "project_id", PRJ, "name", "Web"),
            t("project.updated", "A project changed", "organization_id", ORG, "project_id", PRJ, "name", "Web app"),
            t("project.deleted", "A project was soft-deleted (restorable)", "organization_id", ORG, "project_id", PRJ),
            t("project.restored", "A soft-deleted project was restored", "organization_id", ORG, "project_id", PRJ),
            t("project.purged", "A soft-deleted project was removed for good", "organization_id", ORG, "project_id", PRJ),
            t("environment.created", "An environment was created", "organization_id", ORG, "project_id", PRJ,
                    "environment_id", ENV, "name", "staging"),
            t("environment.deleted", "An environment was deleted", "organization_id", ORG, "project_id", PRJ,
                    "environment_id", ENV),
            t("api_key.created", "An API key was issued (never the secret)", "api_key_id", KEY, "organization_id", ORG,
                    "name", "CI", "prefix", "sk_live_a1B2", "scopes", List.of("projects:read"), "status", "active"),
            t("api_key.rotated", "An API key was rotated; the old one works during its grace period", "api_key_id", KEY,
                    "organization_id", ORG, "replaced_by", "key_01jd0000000000000000000001"),
            t("api_key.revoked", "An API key was revoked: by request (reason manual) or because its organization, project or "
                    + "environment was deleted (organization_deleted, project_deleted, environment_deleted)", "api_key_id", KEY,
                    "organization_id", ORG, "status", "revoked", "reason", "manual"),
            t("api_key.expiring", "An API key expires within a week", "api_key_id", KEY, "organization_id", ORG,
                    "expires_at", "2026-02-01T00:00:00Z"),
            t("api_key.expired", "An API key expired", "api_key_id", KEY, "organization_id", ORG, "status", "expired"),
            t("role.created", "A custom role was created", "role_id", "role_01jd0000000000000000000000", "organization_id", ORG,
                    "name", "Auditor", "permissions", List.of("audit:read")),
            t("role.updated", "A custom role's permissions were replaced", "role_id", "role_01jd0000000000000000000000",
                    "organization_id", ORG, "name", "Auditor", "permissions", List.of("audit:read", "projects:read")),
            t("role.deleted", "A custom role was deleted with its assignments", "role_id", "role_01jd0000000000000000000000",
                    "organization_id", ORG, "name", "Auditor"),
            t("role_assignment.created", "A role was assigned to a user on a resource", "role_assignment_id",
                    "ra_01jd0000000000000000000000", "organization_id", ORG, "role_id", "role_01jd0000000000000000000000",
                    "built_in", false, "user_id", USR, "resource_type", "project", "resource_id", PRJ),
            t("role_assignment.deleted", "A role assignment was removed", "role_assignment_id", "ra_01jd0000000000000000000000",
                    "organization_id", ORG, "role_id", "role_01jd0000000000000000000000", "user_id", USR),
            t("signing_key.rotated", "A project's token signing key was rotated", "organization_id", ORG, "project_id", PRJ,
                    "signing_key_id", "sgk_01jd0000000000000000000000"),
            t("entitlement.overridden", "A platform admin overrode a feature's allowance", "organization_id", ORG,
                    "feature", "projects", "limit", 50),
            t("entitlement.threshold_reached", "Usage of a feature crossed 80 % or 100 % of its limit", "organization_id", ORG,
                    "feature", "projects", "threshold", 80, "used", 8, "limit", 10),
            t("webhook.created", "A webhook endpoint was created (never the secret)", "webhook_id",
                    "whk_01jd0000000000000000000000", "organization_id", ORG, "url", "https://example.com/hooks",
                    "events", List.of("project.*"), "is_active", true),
            t("webhook.updated", "A webhook endpoint's URL, filters, description or state changed", "webhook_id",
                    "whk_01jd0000000000000000000000", "organization_id", ORG, "url", "https://example.com/hooks",
                    "events", List.of("*"), "is_active", true),
            t("webhook.deleted", "A webhook endpoint was deleted", "webhook_id", "whk_01jd0000000000000000000000",
                    "organization_id", ORG, "url", "https://example.com/hooks", "events", List.of("*"), "is_active", true),
            t("webhook.secret_rotated", "A webhook endpoint's signing secret was rotated", "webhook_id",
                    "whk_01jd0000000000000000000000", "organization_id", ORG, "previous_secret_expires_at",
                    "2026-01-16T10:30:00Z"),
            t("webhook.endpoint_disabled", "A webhook endpoint was disabled (410 Gone, failing for 5 days, or its organization deleted)",
                    "webhook_id", "whk_01jd0000000000000000000000", "organization_id", ORG,
                    "url", "https://example.com/hooks", "reason", "the endpoint answered 410 Gone"),
            t("webhook.test", "Sent by POST /api/v1/webhooks/{id}/test only (never fanned out)",
                    "webhook_id", "whk_01jd0000000000000000000000", "message", "This is a test event from Gatehouse."));

    private EventTypes() {
    }

    private static EventType t(String type, String description, Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return new EventType(type, description, m);
    }

    public static List<EventType> all() {
        return ALL;
    }

    /** The example body a subscriber receives for the type. */
    public static String examplePayload(EventType t) {
        return Payloads.of(t.type(), java.time.Instant.parse("2026-01-15T10:30:00Z"), t.example());
    }
}
