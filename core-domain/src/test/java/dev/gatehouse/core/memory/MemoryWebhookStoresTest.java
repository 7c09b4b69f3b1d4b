package dev.gatehouse.core.memory;

import dev.gatehouse.core.contract.WebhookStoresContract;
import dev.gatehouse.core.events.EventOutbox;
import dev.gatehouse.core.shared.Transactions;
import dev.gatehouse.core.webhooks.WebhookDeliveries;
import dev.gatehouse.core.webhooks.WebhookEndpoints;

import java.time.Clock;

class MemoryWebhookStoresTest extends WebhookStoresContract {
    private MemoryTransactions tx;
    private MemoryEventOutbox outbox;
    private MemoryWebhookEndpoints endpoints;

    @Override
    protected WebhookEndpoints endpoints() {
        tx = new MemoryTransactions();
        outbox = new MemoryEventOutbox(tx);
        endpoints = new MemoryWebhookEndpoints(tx);
        return endpoints;
    }

    @Override
    protected WebhookDeliveries deliveries() {
        return new MemoryWebhookDeliveries(tx, outbox, endpoints, Clock.systemUTC());
    }

    @Override
    protected EventOutbox outbox() {
        return outbox;
    }

    @Override
    protected Transactions transactions() {
        return tx;
    }
}
