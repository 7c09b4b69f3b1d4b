package dev.gatehouse.core.contract;

import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.UserId;

/** A contract of a store whose records refer to an organization and users (see {@link TenantRows}). */
public abstract class TenantScopedContract {
    /** The organization and users the records refer to; {@link TenantRows#unchecked()} unless overridden. */
    protected TenantRows rows() {
        return TenantRows.unchecked();
    }

    /** An existing organization. */
    protected final OrganizationId organization() {
        return rows().organization();
    }

    /** An existing user. */
    protected final UserId user(String email) {
        return rows().user(email);
    }
}
