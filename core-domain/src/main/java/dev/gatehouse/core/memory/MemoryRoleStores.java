package dev.gatehouse.core.memory;

import dev.gatehouse.core.roles.RoleStores;

/** The custom roles feature's stores in memory. */
public final class MemoryRoleStores {
    private MemoryRoleStores() {
    }

    public static RoleStores create(MemoryTransactions tx) {
        return new RoleStores(new MemoryRoles(tx));
    }
}
