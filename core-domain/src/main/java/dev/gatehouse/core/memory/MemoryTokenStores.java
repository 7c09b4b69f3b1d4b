package dev.gatehouse.core.memory;

import dev.gatehouse.core.tokens.TokenStores;

/** The token feature's stores in memory (gone at restart: tokens do not survive an embedded restart). */
public final class MemoryTokenStores {
    private MemoryTokenStores() {
    }

    public static TokenStores create(MemoryTransactions tx) {
        return new TokenStores(new MemorySigningKeys(tx));
    }
}
