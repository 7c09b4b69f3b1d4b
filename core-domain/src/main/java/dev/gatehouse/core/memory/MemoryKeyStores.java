package dev.gatehouse.core.memory;

import dev.gatehouse.core.keys.KeyRevocations;
import dev.gatehouse.core.keys.KeyStores;

/** The API keys feature's stores in memory: one process, so revocations need no announcing. */
public final class MemoryKeyStores {
    private MemoryKeyStores() {
    }

    public static KeyStores create(MemoryTransactions tx) {
        return new KeyStores(new MemoryApiKeys(tx), KeyRevocations.none());
    }
}
