package dev.gatehouse.core.audit;

import dev.gatehouse.core.authorization.AccessControl;
import dev.gatehouse.core.authorization.ObjectRef;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Principal;
import dev.gatehouse.core.shared.Result;

/**
 * Whose trail a caller reads. Platform admins read every organization's (no {@code organization_id})
 * or one; everyone else reads one organization's, on which they need {@code audit_read} (owners,
 * admins, keys and custom roles holding {@code audit:read}); an API key names its own by default.
 * An organization the caller cannot see is not found, as everywhere.
 */
record AuditAccess(AuditTrail.LiveOrganizations organizations, AccessControl access) {

    /** The query narrowed to what the caller may read, or why not. Runs inside the caller's transaction. */
    Result<AuditQuery> scope(Caller caller, AuditQuery query) {
        Principal principal = caller.principal();
        OrganizationId org = query.organizationId();
        if (org == null && principal instanceof Principal.ApiKey key) {
            org = key.organizationId();
        }
        if (principal.platformAdmin()) {
            return Result.ok(withOrganization(query, org));
        }
        if (org == null) {
            return Result.fail(Failure.forbidden("Reading every organization's audit trail is for platform admins; "
                    + "name one with organization_id (it needs the audit:read permission there).")
                    .withDetail("required_scope", "audit:read"));
        }
        if (!organizations.exists(org)) {
            return Result.fail(Failure.notFound("Organization"));
        }
        var denied = access.require(caller, new ObjectRef("organization", org.text()), "audit_read", "organizations_read",
                "Organization");
        if (denied.isPresent()) {
            return Result.fail(denied.get());
        }
        return Result.ok(withOrganization(query, org));
    }

    private static AuditQuery withOrganization(AuditQuery q, OrganizationId org) {
        return new AuditQuery(org, q.actor(), q.action(), q.resource(), q.correlationId(), q.since(), q.until());
    }
}
