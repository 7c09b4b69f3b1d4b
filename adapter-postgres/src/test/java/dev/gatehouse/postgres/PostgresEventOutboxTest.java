package dev.gatehouse.postgres;

import dev.gatehouse.core.contract.EventOutboxContract;
import dev.gatehouse.core.events.EventOutbox;
import dev.gatehouse.postgres.testing.TestPostgres;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link EventOutbox} contract against PostgreSQL, through the beans of {@link PostgresStores}. */
class PostgresEventOutboxTest extends EventOutboxContract {
    @RegisterExtension
    @Order(1)
    static final TestPostgres POSTGRES = new TestPostgres();
    @RegisterExtension
    @Order(2)
    static final AdapterBeans BEANS = new AdapterBeans(POSTGRES);

    @Override
    protected EventOutbox outbox() {
        return BEANS.fresh(EventOutbox.class);
    }
}
