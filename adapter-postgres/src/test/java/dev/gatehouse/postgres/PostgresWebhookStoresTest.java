package dev.gatehouse.postgres;

import dev.gatehouse.core.contract.WebhookStoresContract;
import dev.gatehouse.core.events.EventOutbox;
import dev.gatehouse.core.shared.Transactions;
import dev.gatehouse.core.webhooks.WebhookDeliveries;
import dev.gatehouse.core.webhooks.WebhookEndpoints;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The webhook stores' contract against PostgreSQL, through the beans of {@link PostgresStores}. */
class PostgresWebhookStoresTest extends WebhookStoresContract {
    @RegisterExtension
    static final AdapterBeans BEANS = AdapterBeans.onFreshDatabase();

    @Override
    protected WebhookEndpoints endpoints() {
        return BEANS.fresh(dev.gatehouse.core.webhooks.WebhookStores.class).endpoints();
    }

    @Override
    protected WebhookDeliveries deliveries() {
        return BEANS.bean(dev.gatehouse.core.webhooks.WebhookStores.class).deliveries();
    }

    @Override
    protected EventOutbox outbox() {
        return BEANS.bean(dev.gatehouse.core.platform.PlatformStores.class).eventOutbox();
    }

    @Override
    protected Transactions transactions() {
        return BEANS.bean(Transactions.class);
    }
}
