package dev.gatehouse.core.tenancy;

import dev.gatehouse.core.shared.Transactions;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Result;

/** Reads an organization: its members (any role) and platform admins; for everyone else it does not exist. */
public final class GetOrganization {
    private final OrganizationGuard guard;
    private final Transactions tx;

    public GetOrganization(OrganizationGuard guard, Transactions tx) {
        this.guard = guard;
        this.tx = tx;
    }

    public Result<Organization> handle(Caller caller, OrganizationId id) {
        return tx.readOnly(() -> guard.require(caller, id, "organizations_read"));
    }
}
