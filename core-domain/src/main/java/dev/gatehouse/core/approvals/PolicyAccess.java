package dev.gatehouse.core.approvals;

import dev.gatehouse.core.authorization.AccessControl;
import dev.gatehouse.core.authorization.ObjectRef;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.tenancy.Organizations;

import java.util.Objects;
import java.util.Optional;

/**
 * Who may read or change an organization's approval settings (policies and workflows):
 * {@code policies_read}/{@code policies_write} on the organization; a deleted or unknown organization,
 * or one the caller cannot see, is 404.
 */
public record PolicyAccess(Organizations organizations, AccessControl access) {
    public PolicyAccess {
        Objects.requireNonNull(organizations, "organizations");
        Objects.requireNonNull(access, "access");
    }

    /** For a collection of {@code organization}: refused when it is gone or {@code permission} is missing. */
    public Optional<Failure> onOrganization(Caller caller, OrganizationId organization, String permission) {
        if (organizations.byId(organization).filter(o -> !o.isDeleted()).isEmpty()) {
            return Optional.of(Failure.notFound("Organization"));
        }
        return access.require(caller, new ObjectRef("organization", organization.text()), permission,
                "organizations_read", "Organization");
    }

    /** For one policy or workflow ({@code what}) of {@code organization}: 404 unless the caller may read policies. */
    public Optional<Failure> onItem(Caller caller, OrganizationId organization, String permission, String what) {
        return access.require(caller, new ObjectRef("organization", organization.text()), permission, "policies_read", what);
    }
}
