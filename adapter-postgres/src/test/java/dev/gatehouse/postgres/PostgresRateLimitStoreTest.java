package dev.gatehouse.postgres;

import dev.gatehouse.core.contract.RateLimitStoreContract;
import dev.gatehouse.core.ratelimit.RateLimitStore;
import dev.gatehouse.postgres.testing.TestPostgres;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link RateLimitStore} contract against PostgreSQL, through the beans of {@link PostgresStores}. */
class PostgresRateLimitStoreTest extends RateLimitStoreContract {
    @RegisterExtension
    @Order(1)
    static final TestPostgres POSTGRES = new TestPostgres();
    @RegisterExtension
    @Order(2)
    static final AdapterBeans BEANS = new AdapterBeans(POSTGRES);

    @Override
    protected RateLimitStore store() {
        return BEANS.fresh(RateLimitStore.class);
    }
}
