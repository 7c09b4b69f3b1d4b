package dev.gatehouse.postgres;

import dev.gatehouse.core.contract.SigningKeysContract;
import dev.gatehouse.core.keys.SigningKeys;
import dev.gatehouse.postgres.testing.TestPostgres;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link SigningKeys} contract against PostgreSQL, through the beans of {@link PostgresStores}. */
class PostgresSigningKeysTest extends SigningKeysContract {
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
    protected SigningKeys signingKeys() {
        POSTGRES.database().truncateAllTables();
        return context.getBean(SigningKeys.class);
    }
}
