package dev.gatehouse.http;

import dev.gatehouse.core.keys.ApiKeySecret;
import dev.gatehouse.core.keys.KeyUseCases;
import dev.gatehouse.core.shared.Principal;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * API keys ({@code sk_live_…}, {@code sk_test_…}) as bearer tokens. A malformed key or a wrong
 * checksum is refused without a look-up; a known key is read through the core's short-lived cache,
 * so a revocation on this instance applies to the next request. What the key may do is decided by
 * the authorization model through its role binding, like any other subject.
 */
@Singleton
final class ApiKeyAuthenticator implements BearerAuthenticator {
    private final KeyUseCases keys;

    ApiKeyAuthenticator(KeyUseCases keys) {
        this.keys = keys;
    }

    @Override
    public boolean accepts(String token) {
        return ApiKeySecret.hasKeyPrefix(token);
    }

    @Override
    public Optional<Principal> authenticate(String token) {
        return keys.authenticateApiKey().handle(token).map(Principal.class::cast);
    }
}
