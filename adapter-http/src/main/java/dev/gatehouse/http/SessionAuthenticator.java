package dev.gatehouse.http;

import dev.gatehouse.core.identity.IdentityUseCases;
import dev.gatehouse.core.sessions.UserSessions;
import dev.gatehouse.core.shared.Principal;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * Session JWTs from {@code /api/v1/auth/login}. The token's stored session and its user are loaded on
 * every request, so logout, a revoked session and a deactivated user end it at once on every instance
 * sharing the stores, and a changed admin flag applies immediately.
 */
@Singleton
final class SessionAuthenticator implements BearerAuthenticator {
    private final SessionTokens tokens;
    private final IdentityUseCases identity;
    private final UserSessions sessions;

    SessionAuthenticator(SessionTokens tokens, IdentityUseCases identity, UserSessions sessions) {
        this.tokens = tokens;
        this.identity = identity;
        this.sessions = sessions;
    }

    @Override
    public boolean accepts(String token) {
        return token.startsWith("eyJ") && token.chars().filter(c -> c == '.').count() == 2;
    }

    @Override
    public Optional<Principal> authenticate(String token) {
        return tokens.verify(token)
                .filter(v -> sessions.check(v.session(), v.user()).isPresent())
                .flatMap(v -> identity.authenticateSession().handle(v.user()))
                .map(Principal.class::cast);
    }
}
