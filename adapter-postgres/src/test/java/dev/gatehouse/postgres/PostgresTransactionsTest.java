package dev.gatehouse.postgres;

import dev.gatehouse.core.audit.AuditLog;
import dev.gatehouse.core.contract.TransactionsContract;
import dev.gatehouse.core.identity.Users;
import dev.gatehouse.core.shared.Transactions;
import dev.gatehouse.postgres.testing.TestPostgres;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link Transactions} contract against PostgreSQL, through the beans of {@link PostgresStores}. */
class PostgresTransactionsTest extends TransactionsContract {
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
    protected Stores stores() {
        POSTGRES.database().truncateAllTables();
        return new Stores(context.getBean(Transactions.class), context.getBean(Users.class), context.getBean(AuditLog.class));
    }
}
