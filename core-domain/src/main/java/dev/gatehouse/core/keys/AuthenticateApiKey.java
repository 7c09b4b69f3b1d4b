package dev.gatehouse.core.keys;

import dev.gatehouse.core.shared.Principal;

import java.util.Optional;

/**
 * Turns a bearer token into the API key principal it stands for, or nothing when it is malformed
 * (refused without storage), unknown, revoked, expired or disabled. Reads through the cache.
 */
public final class AuthenticateApiKey {
    private final ApiKeyContext ctx;

    public AuthenticateApiKey(ApiKeyContext ctx) {
        this.ctx = ctx;
    }

    public Optional<Principal.ApiKey> handle(String token) {
        return ApiKeySecret.parse(token)
                .flatMap(ctx::lookup)
                .filter(k -> k.statusAt(ctx.clock().instant()) == ApiKeyStatus.ACTIVE)
                .filter(k -> !ctx.disabled(k))
                .map(k -> new Principal.ApiKey(k.id(), k.organizationId(), k.project(), k.environment(), k.scopes()));
    }
}
