package dev.gatehouse.postgres;

import dev.gatehouse.core.contract.IdempotencyRecordsContract;
import dev.gatehouse.core.idempotency.IdempotencyRecords;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link IdempotencyRecords} contract against PostgreSQL, through the beans of {@link PostgresStores}. */
class PostgresIdempotencyRecordsTest extends IdempotencyRecordsContract {
    @RegisterExtension
    static final AdapterBeans BEANS = AdapterBeans.onFreshDatabase();

    @Override
    protected IdempotencyRecords records() {
        return BEANS.fresh(dev.gatehouse.core.platform.PlatformStores.class).idempotencyRecords();
    }
}
