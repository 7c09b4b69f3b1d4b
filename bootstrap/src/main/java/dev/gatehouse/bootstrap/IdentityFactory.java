package dev.gatehouse.bootstrap;

import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.identity.IdentityUseCases;
import dev.gatehouse.core.sessions.SessionUseCases;
import dev.gatehouse.core.sessions.UserSessions;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/**
 * The identity and sessions features as beans: their use cases, wired by {@link IdentityUseCases#wire}
 * and {@link SessionUseCases#wire} inside {@link Gatehouse} over the active {@code IdentityStores} and
 * {@code SessionStores} beans (memory or PostgreSQL). The user, login, session and sign-up routes and
 * session authentication inject these, never the facade. The sessions' part of the lifecycle cascade
 * is registered by the core.
 */
@Factory
class IdentityFactory {
    @Singleton
    IdentityUseCases identityUseCases(Gatehouse gatehouse) {
        return gatehouse.identity();
    }

    @Singleton
    SessionUseCases sessionUseCases(Gatehouse gatehouse) {
        return gatehouse.sessions();
    }

    /** The session use cases alone: login, logout, session checks and the purge job need nothing else. */
    @Singleton
    UserSessions userSessions(SessionUseCases sessions) {
        return sessions.sessions();
    }
}
