package dev.gatehouse.core.memory;

import dev.gatehouse.core.events.EventOutbox;
import dev.gatehouse.core.webhooks.WebhookStores;

import java.time.Clock;

/** The webhooks feature's stores in memory: the deliveries fan out from {@code outbox} to the endpoints. */
public final class MemoryWebhookStores {
    private MemoryWebhookStores() {
    }

    public static WebhookStores create(MemoryTransactions tx, EventOutbox outbox, Clock clock) {
        var endpoints = new MemoryWebhookEndpoints(tx);
        return new WebhookStores(endpoints, new MemoryWebhookDeliveries(tx, outbox, endpoints, clock));
    }
}
