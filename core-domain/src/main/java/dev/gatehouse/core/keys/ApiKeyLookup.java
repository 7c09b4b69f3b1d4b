package dev.gatehouse.core.keys;

import dev.gatehouse.core.shared.Transactions;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * The stored key for a presented secret: the cache, else storage by hash; the stored hash is compared
 * with the computed one in constant time.
 */
public final class ApiKeyLookup {
    private final ApiKeys apiKeys;
    private final ApiKeyCache cache;
    private final Transactions tx;

    public ApiKeyLookup(ApiKeys apiKeys, ApiKeyCache cache, Transactions tx) {
        this.apiKeys = apiKeys;
        this.cache = cache;
        this.tx = tx;
    }

    public Optional<ApiKey> find(ApiKeySecret secret) {
        String hash = secret.hash();
        return cache.get(hash, () -> tx.readOnly(() -> apiKeys.byHash(hash)))
                .filter(k -> MessageDigest.isEqual(k.hash().getBytes(StandardCharsets.US_ASCII),
                        hash.getBytes(StandardCharsets.US_ASCII)));
    }
}
