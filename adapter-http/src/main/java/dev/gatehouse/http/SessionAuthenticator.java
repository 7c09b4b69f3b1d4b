package dev.gatehouse.http;

import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.shared.Principal;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * Session JWTs from {@code /api/v1/auth/login}. The user is loaded on every request, so deactivating
 * a user ends their sessions at once, and a changed admin flag applies immediately.
 */
@Singleton
final class SessionAuthenticator implements BearerAuthenticator {
    private final SessionTokens tokens;
    private final Gatehouse gatehouse;

    SessionAuthenticator(SessionTokens tokens, Gatehouse gatehouse) {
        this.tokens = tokens;
        this.gatehouse = gatehouse;
    }

    @Override
    public boolean accepts(String token) {
        return token.startsWith("eyJ") && token.chars().filter(c -> c == '.').count() == 2;
    }

    @Override
    public Optional<Principal> authenticate(String token) {
        return tokens.verify(token).flatMap(gatehouse.authenticateSession()::handle).map(Principal.class::cast);
    }
}
