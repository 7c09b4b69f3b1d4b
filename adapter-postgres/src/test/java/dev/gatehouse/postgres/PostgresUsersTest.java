package dev.gatehouse.postgres;

import dev.gatehouse.core.contract.UsersContract;
import dev.gatehouse.core.identity.Users;
import dev.gatehouse.postgres.testing.TestPostgres;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link Users} contract against PostgreSQL, through the beans of {@link PostgresStores}. */
class PostgresUsersTest extends UsersContract {
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
    protected Users users() {
        POSTGRES.database().truncateAllTables();
        return context.getBean(Users.class);
    }
}
