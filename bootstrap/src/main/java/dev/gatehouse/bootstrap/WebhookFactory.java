package dev.gatehouse.bootstrap;

import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.webhooks.WebhookUseCases;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/**
 * The webhooks feature as a bean: its use cases and dispatcher, wired by {@link WebhookUseCases#wire}
 * inside {@link Gatehouse} over the active {@code WebhookStores} bean (memory or PostgreSQL). The
 * webhook routes and the dispatcher job inject this, never the facade.
 */
@Factory
class WebhookFactory {
    @Singleton
    WebhookUseCases webhookUseCases(Gatehouse gatehouse) {
        return gatehouse.webhooks();
    }
}
