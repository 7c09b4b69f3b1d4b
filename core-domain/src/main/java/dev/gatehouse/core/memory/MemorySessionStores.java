package dev.gatehouse.core.memory;

import dev.gatehouse.core.sessions.SessionStores;

/** The sessions feature's stores in memory. */
public final class MemorySessionStores {
    private MemorySessionStores() {
    }

    public static SessionStores create(MemoryTransactions tx) {
        return new SessionStores(new MemorySessions(tx));
    }
}
