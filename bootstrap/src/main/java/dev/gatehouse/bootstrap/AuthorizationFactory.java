package dev.gatehouse.bootstrap;

import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.authorization.AuthorizationUseCases;
import dev.gatehouse.core.reach.ResourceOwners;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/**
 * The authorization feature as beans: its use cases ({@link AuthorizationUseCases#wire}, over the
 * active {@code Authorizer}: local or SpiceDB), for the {@code /api/v1/authz} routes, and
 * {@link ResourceOwners} (which organization owns a resource a route names), for the route filter.
 * Both are wired inside {@link Gatehouse}; the HTTP adapter injects these, never the facade.
 */
@Factory
class AuthorizationFactory {
    @Singleton
    AuthorizationUseCases authorizationUseCases(Gatehouse gatehouse) {
        return gatehouse.authorization();
    }

    @Singleton
    ResourceOwners resourceOwners(Gatehouse gatehouse) {
        return gatehouse.resourceOwners();
    }
}
