package dev.gatehouse.core.keys;

import java.util.Objects;

/**
 * The API keys feature's driven ports: where keys are stored, and how a revocation reaches the other
 * instances. Providers: {@code MemoryKeyStores} (core, in memory) and the PostgreSQL adapter's factory.
 */
public record KeyStores(ApiKeys apiKeys, KeyRevocations revocations) {
    public KeyStores {
        Objects.requireNonNull(apiKeys, "apiKeys");
        Objects.requireNonNull(revocations, "revocations");
    }
}
