package dev.gatehouse.postgres;

import dev.gatehouse.core.contract.EntitlementOverridesContract;
import dev.gatehouse.core.entitlements.EntitlementOverrides;
import dev.gatehouse.core.shared.Transactions;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresEntitlementOverridesTest extends EntitlementOverridesContract {
    @RegisterExtension
    static final AdapterBeans BEANS = AdapterBeans.onFreshDatabase();

    @Override
    protected EntitlementOverrides overrides() {
        return BEANS.fresh(dev.gatehouse.core.entitlements.EntitlementStores.class).overrides();
    }

    @Override
    protected Transactions tx() {
        return BEANS.bean(Transactions.class);
    }
}
