package dev.gatehouse.core.keys;

import dev.gatehouse.core.shared.Transactions;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * The stored key for a presented secret: the cache, else storage by hash; the stored hash is compared
 * with the computed one in constant time.
 */
public record ApiKeyLookup(ApiKeys apiKeys, ApiKeyCache cache, Transactions tx) {
    public Optional<ApiKey> find(ApiKeySecret secret) {
        String hash = secret.hash();
        return cache.get(hash, () -> tx.readOnly(() -> apiKeys.byHash(hash)))
                .filter(k -> MessageDigest.isEqual(k.hash().getBytes(StandardCharsets.US_ASCII),
                        hash.getBytes(StandardCharsets.US_ASCII)));
    }
}
