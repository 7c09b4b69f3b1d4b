package dev.gatehouse.postgres;

import dev.gatehouse.core.contract.UsageLedgerContract;
import dev.gatehouse.core.entitlements.UsageLedger;
import dev.gatehouse.core.shared.Transactions;
import dev.gatehouse.postgres.testing.TestPostgres;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link UsageLedger} contract against PostgreSQL, the 64-writer race included. */
class PostgresUsageLedgerTest extends UsageLedgerContract {
    @RegisterExtension
    @Order(1)
    static final TestPostgres POSTGRES = new TestPostgres();
    @RegisterExtension
    @Order(2)
    static final AdapterBeans BEANS = new AdapterBeans(POSTGRES);

    @Override
    protected UsageLedger ledger() {
        return BEANS.fresh(dev.gatehouse.core.entitlements.EntitlementStores.class).usageLedger();
    }

    @Override
    protected Transactions tx() {
        return BEANS.bean(Transactions.class);
    }
}
