package dev.gatehouse.core.tenancy;

import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Result;

import java.util.Optional;

/**
 * Loads a live organization and asks {@link dev.gatehouse.core.authorization.AccessControl} whether
 * the caller may act on it: a missing or deleted organization, or one the caller cannot read, is
 * not found; one they read but may not change is forbidden, naming the scope.
 */
final class OrganizationAccess {
    static final String VIEW = "organizations_read";

    private OrganizationAccess() {
    }

    static Result<Organization> require(TenancyPorts p, Caller caller, OrganizationId id, String permission) {
        Optional<Organization> org = p.organizations().byId(id);
        if (org.isEmpty()) {
            return Result.fail(Failure.notFound("Organization"));
        }
        Optional<Failure> denied = p.access().require(caller, TenancyPorts.ref(id), permission, VIEW, "Organization");
        return denied.<Result<Organization>>map(Result::fail).orElseGet(() -> Result.ok(org.get()));
    }
}
