package dev.gatehouse.core.tenancy;

import dev.gatehouse.core.shared.Transactions;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Result;

/** Reads an organization: its members (any role) and platform admins; for everyone else it does not exist. */
public record GetOrganization(OrganizationGuard guard, Transactions tx) {
    public Result<Organization> handle(Caller caller, OrganizationId id) {
        return tx.readOnly(() -> guard.require(caller, id, "organizations_read"));
    }
}
