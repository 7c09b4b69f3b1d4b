package dev.gatehouse.core.tenancy;

import dev.gatehouse.core.authorization.RelationshipFilter;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Result;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Owners delete an organization. The delete is soft (the row keeps {@code deleted_at} for the
 * audit trail), but the organization's relationships go in the same transaction, so every member
 * loses access at once; from then on the organization is not found, for everyone.
 */
public final class DeleteOrganization {
    private final TenancyPorts p;

    public DeleteOrganization(TenancyPorts ports) {
        this.p = ports;
    }

    public Result<Organization> handle(Caller caller, OrganizationId id) {
        return p.tx().inTransaction(() -> OrganizationAccess.require(p, caller, id, "organizations_delete").flatMap(org -> {
            Organization deleted = org.deleted(p.clock().instant());
            p.organizations().update(deleted);
            var removed = p.authorizer().delete(RelationshipFilter.ofResource(TenancyPorts.ref(id)));
            if (!removed.isOk()) {
                return Result.<Organization>fail(removed.failure());
            }
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("name", org.name());
            summary.put("slug", org.slug().value());
            p.auditor().record(caller, "organization.deleted", "organization", id, id, summary);
            p.events().record("organization.deleted", id, Map.of("organization_id", id.text()));
            return Result.ok(deleted);
        }));
    }
}
