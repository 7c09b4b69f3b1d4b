package dev.gatehouse.core.tenancy;

import dev.gatehouse.core.authorization.AccessControl;
import dev.gatehouse.core.authorization.ObjectRef;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Result;

import java.util.Objects;
import java.util.Optional;

/**
 * Loads a live organization and asks {@link AccessControl} whether the caller may act on it: a missing
 * or deleted organization, or one the caller cannot read, is not found; one they read but may not
 * change is forbidden, naming the scope.
 */
public record OrganizationGuard(Organizations organizations, AccessControl access) {
    public OrganizationGuard {
        Objects.requireNonNull(organizations, "organizations");
        Objects.requireNonNull(access, "access");
    }

    static final String VIEW = "organizations_read";

    /** The organization as an object of the permission system. */
    public static ObjectRef ref(OrganizationId id) {
        return new ObjectRef("organization", id.text());
    }

    /** The live organization, if the caller may do {@code permission} on it. */
    public Result<Organization> require(Caller caller, OrganizationId id, String permission) {
        Optional<Organization> org = organizations.byId(id);
        if (org.isEmpty()) {
            return Result.fail(Failure.notFound("Organization"));
        }
        return check(caller, id, permission).<Result<Organization>>map(Result::fail).orElseGet(() -> Result.ok(org.get()));
    }

    /** The permission question alone (the organization is known to exist): empty when allowed. */
    public Optional<Failure> check(Caller caller, OrganizationId id, String permission) {
        return access.require(caller, ref(id), permission, VIEW, "Organization");
    }
}
