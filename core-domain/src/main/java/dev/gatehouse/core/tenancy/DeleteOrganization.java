package dev.gatehouse.core.tenancy;

import dev.gatehouse.core.platform.Platform;
import dev.gatehouse.core.authorization.RelationshipFilter;
import dev.gatehouse.core.lifecycle.Cascade;
import dev.gatehouse.core.lifecycle.Cause;
import dev.gatehouse.core.lifecycle.Ending;
import dev.gatehouse.core.lifecycle.Scope;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Result;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Owners delete an organization. The delete is soft (the row keeps {@code deleted_at} for the
 * audit trail), but in the same transaction the organization's relationships go, so every member
 * loses access at once, and the {@link Cascade} stops everything beneath it (cause
 * {@code organization_deleted}): every API key is revoked, grants revoked, pending requests cancelled,
 * role assignments removed, webhook endpoints disabled. From then on the organization is not found,
 * for everyone.
 */
public record DeleteOrganization(Organizations organizations, OrganizationGuard guard, Cascade cascade, Platform p) {
    public Result<Organization> handle(Caller caller, OrganizationId id) {
        Ending ending = new Ending(caller, new Scope.Organization(id), Cause.ORGANIZATION_DELETED, p.clock().instant());
        Result<Organization> done = p.transactions().inTransaction(() -> guard.require(caller, id, "organizations_delete").flatMap(org -> {
            Organization deleted = org.deleted(ending.at());
            organizations.update(deleted);
            var beneath = cascade.run(ending);
            if (!beneath.isOk()) {
                return Result.<Organization>fail(beneath.failure());
            }
            var removed = p.authorizer().delete(RelationshipFilter.ofResource(OrganizationGuard.ref(id)));
            if (!removed.isOk()) {
                return Result.<Organization>fail(removed.failure());
            }
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("name", org.name());
            summary.put("slug", org.slug().value());
            p.auditor().record(caller, "organization.deleted", "organization", id, id, summary);
            p.events().record(new dev.gatehouse.core.events.TenancyEvent.OrganizationDeleted(id));
            return Result.ok(deleted);
        }));
        if (done.isOk()) {
            cascade.settle(ending);
        }
        return done;
    }
}
