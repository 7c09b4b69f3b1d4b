package dev.gatehouse.postgres;

import dev.gatehouse.core.contract.TransactionsContract;
import dev.gatehouse.core.shared.Transactions;
import dev.gatehouse.postgres.testing.TestPostgres;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link Transactions} contract against PostgreSQL, through the beans of {@link PostgresStores}. */
class PostgresTransactionsTest extends TransactionsContract {
    @RegisterExtension
    @Order(1)
    static final TestPostgres POSTGRES = new TestPostgres();
    @RegisterExtension
    @Order(2)
    static final AdapterBeans BEANS = new AdapterBeans(POSTGRES);

    @Override
    protected Stores stores() {
        return new Stores(BEANS.fresh(Transactions.class), BEANS.bean(dev.gatehouse.core.identity.IdentityStores.class).users(),
                BEANS.bean(dev.gatehouse.core.platform.PlatformStores.class).auditLog());
    }
}
