package dev.gatehouse.postgres;

import dev.gatehouse.core.contract.IdempotencyRecordsContract;
import dev.gatehouse.core.idempotency.IdempotencyRecords;
import dev.gatehouse.postgres.testing.TestPostgres;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link IdempotencyRecords} contract against PostgreSQL, through the beans of {@link PostgresStores}. */
class PostgresIdempotencyRecordsTest extends IdempotencyRecordsContract {
    @RegisterExtension
    @Order(1)
    static final TestPostgres POSTGRES = new TestPostgres();
    @RegisterExtension
    @Order(2)
    static final AdapterBeans BEANS = new AdapterBeans(POSTGRES);

    @Override
    protected IdempotencyRecords records() {
        return BEANS.fresh(IdempotencyRecords.class);
    }
}
