package dev.gatehouse.core.tokens;

import java.util.Objects;

/**
 * The token feature's driven ports: the signing keys of the instance and of projects. Providers:
 * {@code MemoryTokenStores} (core, in memory) and the PostgreSQL adapter's factory.
 */
public record TokenStores(SigningKeys signingKeys) {
    public TokenStores {
        Objects.requireNonNull(signingKeys, "signingKeys");
    }
}
