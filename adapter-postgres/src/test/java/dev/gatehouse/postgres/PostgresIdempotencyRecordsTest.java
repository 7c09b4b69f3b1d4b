package dev.gatehouse.postgres;

import dev.gatehouse.core.contract.IdempotencyRecordsContract;
import dev.gatehouse.core.idempotency.IdempotencyRecords;
import dev.gatehouse.postgres.testing.TestPostgres;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link IdempotencyRecords} contract against PostgreSQL, through the beans of {@link PostgresStores}. */
class PostgresIdempotencyRecordsTest extends IdempotencyRecordsContract {
    @RegisterExtension
    static final TestPostgres POSTGRES = new TestPostgres();
    private static ApplicationContext context;

    @BeforeAll
    static void startContext() {
        context = AdapterContext.start(POSTGRES.database());
    }

    @AfterAll
    static void stopContext() {
        context.close();
    }

    @Override
    protected IdempotencyRecords records() {
        POSTGRES.database().truncateAllTables();
        return context.getBean(IdempotencyRecords.class);
    }
}
