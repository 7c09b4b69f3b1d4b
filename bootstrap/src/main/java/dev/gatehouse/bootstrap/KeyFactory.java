package dev.gatehouse.bootstrap;

import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.keys.KeyUseCases;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/**
 * The API keys feature as a bean: its use cases, wired by {@link KeyUseCases#wire} inside
 * {@link Gatehouse} over the active {@code KeyStores} bean (memory or PostgreSQL). The key routes
 * and bearer authentication inject this, never the facade.
 */
@Factory
class KeyFactory {
    @Singleton
    KeyUseCases keyUseCases(Gatehouse gatehouse) {
        return gatehouse.keys();
    }
}
