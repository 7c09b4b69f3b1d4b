package dev.gatehouse.core.keys;

import dev.gatehouse.core.shared.Principal;

import java.util.Optional;

/**
 * Turns a bearer token into the API key principal it stands for, or nothing when it is malformed
 * (refused without storage), unknown, revoked, expired (a rotated key after its grace period) or
 * disabled. Reads through the cache; notes the use for {@code last_used_at} (written behind).
 */
public record AuthenticateApiKey(ApiKeyLookup lookup, KeyOwners owners, LastUsedRecorder lastUsed,
                                 java.time.Clock clock) {
    public Optional<Principal.ApiKey> handle(String token) {
        java.time.Instant now = clock.instant();
        return ApiKeySecret.parse(token)
                .flatMap(lookup::find)
                .filter(k -> k.usableAt(now))
                .filter(k -> !owners.disabled(k))
                .map(k -> {
                    lastUsed.touch(k.id(), now);
                    return new Principal.ApiKey(k.id(), k.organizationId(), k.project(), k.environment(), k.scopes());
                });
    }
}
