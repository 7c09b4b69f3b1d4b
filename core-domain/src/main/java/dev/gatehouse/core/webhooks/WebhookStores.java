package dev.gatehouse.core.webhooks;

import java.util.Objects;

/**
 * The webhooks feature's driven ports: endpoints, and the deliveries fanned out from the event
 * outbox. Providers: {@code MemoryWebhookStores} (core, in memory) and the PostgreSQL adapter's factory.
 */
public record WebhookStores(WebhookEndpoints endpoints, WebhookDeliveries deliveries) {
    public WebhookStores {
        Objects.requireNonNull(endpoints, "endpoints");
        Objects.requireNonNull(deliveries, "deliveries");
    }
}
