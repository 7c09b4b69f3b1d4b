package dev.gatehouse.bootstrap;

import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.sessions.UserSessions;
import dev.gatehouse.core.tokens.AuthenticateSessionToken;
import dev.gatehouse.core.tokens.TokenUseCases;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/**
 * The token feature as beans: its use cases, wired by {@link TokenUseCases#wire} inside
 * {@link Gatehouse} over the active {@code TokenStores} bean (memory or PostgreSQL), and session
 * authentication over them, the sessions and the users. The token, signing-key, JWKS and login
 * routes and the bearer authentication inject these, never the facade.
 */
@Factory
class TokenFactory {
    @Singleton
    TokenUseCases tokenUseCases(Gatehouse gatehouse) {
        return gatehouse.tokens();
    }

    @Singleton
    AuthenticateSessionToken authenticateSessionToken(TokenUseCases tokens, UserSessions sessions, dev.gatehouse.core.identity.IdentityUseCases identity) {
        return new AuthenticateSessionToken(tokens.verifySessionToken(), sessions, identity.authenticateSession());
    }
}
