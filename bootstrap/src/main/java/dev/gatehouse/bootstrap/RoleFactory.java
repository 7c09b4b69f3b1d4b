package dev.gatehouse.bootstrap;

import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.roles.RoleUseCases;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/**
 * The custom roles feature as a bean: its use cases, wired by {@link RoleUseCases#wire} inside
 * {@link Gatehouse} over the active {@code RoleStores} bean (memory or PostgreSQL). The role routes
 * inject this, never the facade.
 */
@Factory
class RoleFactory {
    @Singleton
    RoleUseCases roleUseCases(Gatehouse gatehouse) {
        return gatehouse.roles();
    }
}
