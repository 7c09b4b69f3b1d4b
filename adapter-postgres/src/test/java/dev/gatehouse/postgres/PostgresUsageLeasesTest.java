package dev.gatehouse.postgres;

import dev.gatehouse.core.contract.UsageLeasesContract;
import dev.gatehouse.core.entitlements.EntitlementOverrides;
import dev.gatehouse.core.entitlements.EntitlementStores;
import dev.gatehouse.core.entitlements.UsageLedger;
import dev.gatehouse.core.shared.Transactions;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The quota lease contract against PostgreSQL: two instances (two lease holders, each with its own
 * connections from the pool) racing for the last units, a crashed one's lease reclaimed after its
 * time to live on the test's clock, release on a limit change, on an idle sweep and on close.
 */
class PostgresUsageLeasesTest extends UsageLeasesContract {
    @RegisterExtension
    static final AdapterBeans BEANS = AdapterBeans.onFreshDatabase();

    @Override
    protected UsageLedger ledger() {
        return BEANS.fresh(EntitlementStores.class).usageLedger();
    }

    @Override
    protected EntitlementOverrides overrides() {
        return BEANS.bean(EntitlementStores.class).overrides();
    }

    @Override
    protected Transactions tx() {
        return BEANS.bean(Transactions.class);
    }
}
