package dev.gatehouse.core.tenancy;

import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Result;

/** Reads an organization: its members (any role) and platform admins; for everyone else it does not exist. */
public final class GetOrganization {
    private final TenancyPorts p;

    public GetOrganization(TenancyPorts ports) {
        this.p = ports;
    }

    public Result<Organization> handle(Caller caller, OrganizationId id) {
        return p.tx().readOnly(() -> OrganizationAccess.require(p, caller, id, "organizations_read"));
    }
}
