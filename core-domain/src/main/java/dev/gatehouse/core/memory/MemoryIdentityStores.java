package dev.gatehouse.core.memory;

import dev.gatehouse.core.identity.IdentityStores;

/** The identity feature's stores in memory. */
public final class MemoryIdentityStores {
    private MemoryIdentityStores() {
    }

    public static IdentityStores create(MemoryTransactions tx) {
        return new IdentityStores(new MemoryUsers(tx));
    }
}
