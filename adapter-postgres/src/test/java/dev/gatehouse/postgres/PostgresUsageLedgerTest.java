package dev.gatehouse.postgres;

import dev.gatehouse.core.contract.UsageLedgerContract;
import dev.gatehouse.core.entitlements.UsageLedger;
import dev.gatehouse.core.shared.Transactions;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link UsageLedger} contract against PostgreSQL, the 64-writer race included. */
class PostgresUsageLedgerTest extends UsageLedgerContract {
    @RegisterExtension
    static final AdapterBeans BEANS = AdapterBeans.onFreshDatabase();

    @Override
    protected UsageLedger ledger() {
        return BEANS.fresh(dev.gatehouse.core.entitlements.EntitlementStores.class).usageLedger();
    }

    @Override
    protected Transactions tx() {
        return BEANS.bean(Transactions.class);
    }
}
