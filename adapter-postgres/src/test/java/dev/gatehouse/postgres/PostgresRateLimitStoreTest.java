package dev.gatehouse.postgres;

import dev.gatehouse.core.contract.RateLimitStoreContract;
import dev.gatehouse.core.ratelimit.RateLimitStore;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link RateLimitStore} contract against PostgreSQL, through the beans of {@link PostgresStores}. */
class PostgresRateLimitStoreTest extends RateLimitStoreContract {
    @RegisterExtension
    static final AdapterBeans BEANS = AdapterBeans.onFreshDatabase();

    @Override
    protected RateLimitStore store() {
        return BEANS.fresh(dev.gatehouse.core.platform.PlatformStores.class).rateLimitStore();
    }
}
