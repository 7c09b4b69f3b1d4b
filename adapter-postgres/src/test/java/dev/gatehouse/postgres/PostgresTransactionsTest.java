package dev.gatehouse.postgres;

import dev.gatehouse.core.contract.TransactionsContract;
import dev.gatehouse.core.shared.Transactions;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link Transactions} contract against PostgreSQL, through the beans of {@link PostgresStores}. */
class PostgresTransactionsTest extends TransactionsContract {
    @RegisterExtension
    static final AdapterBeans BEANS = AdapterBeans.onFreshDatabase();

    @Override
    protected Stores stores() {
        return new Stores(BEANS.fresh(Transactions.class), BEANS.bean(dev.gatehouse.core.identity.IdentityStores.class).users(),
                BEANS.bean(dev.gatehouse.core.platform.PlatformStores.class).auditLog());
    }
}
