package dev.gatehouse.core.entitlements;

import dev.gatehouse.core.authorization.AccessControl;
import dev.gatehouse.core.authorization.ObjectRef;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Principal;
import dev.gatehouse.core.shared.Result;
import dev.gatehouse.core.tenancy.Organization;
import dev.gatehouse.core.tenancy.Organizations;

/** Which organization an entitlement use case acts on, and whether the caller may: the two access rules of the feature. */
public record EntitlementAccess(Organizations organizations, AccessControl access) {
    static ObjectRef ref(OrganizationId id) {
        return new ObjectRef("organization", id.text());
    }

    /**
     * The organization a caller acts in, if it may do {@code permission} there: an API key's own
     * organization (naming another is not found), checked on the resource its binding is attached to
     * (its environment, or the organization); for a user, the {@code organization_id} they name.
     */
    public Result<Organization> organizationFor(Caller caller, OrganizationId given, String permission) {
        OrganizationId id;
        ObjectRef resource;
        if (caller.principal() instanceof Principal.ApiKey key) {
            if (given != null && !given.equals(key.organizationId())) {
                return Result.fail(Failure.notFound("Organization"));
            }
            id = key.organizationId();
            resource = key.environmentId().map(e -> new ObjectRef("environment", e.text())).orElse(ref(id));
        } else {
            if (given == null) {
                return Result.fail(Failure.invalid("organization_id", "is required"));
            }
            id = given;
            resource = ref(id);
        }
        var org = organizations.byId(id);
        if (org.isEmpty()) {
            return Result.fail(Failure.notFound("Organization"));
        }
        return access.require(caller, resource, permission, "entitlements_read", "Organization")
                .<Result<Organization>>map(Result::fail)
                .orElseGet(() -> Result.ok(org.get()));
    }

    /** Plan changes and overrides are for platform admins; others who can see the organization get 403. */
    public Result<Organization> forPlatformAdmin(Caller caller, OrganizationId id, String what) {
        var org = organizations.byId(id);
        if (org.isEmpty()) {
            return Result.fail(Failure.notFound("Organization"));
        }
        if (caller.principal().platformAdmin()) {
            return Result.ok(org.get());
        }
        var hidden = access.require(caller, ref(id), "organizations_read", "organizations_read", "Organization");
        if (hidden.isPresent()) {
            return Result.fail(hidden.get());
        }
        return Result.fail(Failure.forbidden("Only platform admins " + what + "."));
    }
}
