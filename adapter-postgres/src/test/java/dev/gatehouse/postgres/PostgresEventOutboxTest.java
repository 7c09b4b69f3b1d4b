package dev.gatehouse.postgres;

import dev.gatehouse.core.contract.EventOutboxContract;
import dev.gatehouse.core.events.EventOutbox;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link EventOutbox} contract against PostgreSQL, through the beans of {@link PostgresStores}. */
class PostgresEventOutboxTest extends EventOutboxContract {
    @RegisterExtension
    static final AdapterBeans BEANS = AdapterBeans.onFreshDatabase();

    @Override
    protected EventOutbox outbox() {
        return BEANS.fresh(dev.gatehouse.core.platform.PlatformStores.class).eventOutbox();
    }
}
