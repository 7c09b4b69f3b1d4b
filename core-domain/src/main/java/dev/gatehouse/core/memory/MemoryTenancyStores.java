package dev.gatehouse.core.memory;

import dev.gatehouse.core.tenancy.TenancyStores;

/** The tenancy feature's stores in memory, all joining the same memory transactions. */
public final class MemoryTenancyStores {
    private MemoryTenancyStores() {
    }

    public static TenancyStores create(MemoryTransactions tx) {
        return new TenancyStores(new MemoryOrganizations(tx), new MemoryMemberships(tx), new MemoryInvitations(tx),
                new MemoryProjects(tx), new MemoryEnvironments(tx));
    }
}
