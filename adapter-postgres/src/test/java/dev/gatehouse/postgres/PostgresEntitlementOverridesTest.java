package dev.gatehouse.postgres;

import dev.gatehouse.core.contract.EntitlementOverridesContract;
import dev.gatehouse.core.entitlements.EntitlementOverrides;
import dev.gatehouse.core.shared.Transactions;
import dev.gatehouse.postgres.testing.TestPostgres;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresEntitlementOverridesTest extends EntitlementOverridesContract {
    @RegisterExtension
    @Order(1)
    static final TestPostgres POSTGRES = new TestPostgres();
    @RegisterExtension
    @Order(2)
    static final AdapterBeans BEANS = new AdapterBeans(POSTGRES);

    @Override
    protected EntitlementOverrides overrides() {
        return BEANS.fresh(dev.gatehouse.core.entitlements.EntitlementStores.class).overrides();
    }

    @Override
    protected Transactions tx() {
        return BEANS.bean(Transactions.class);
    }
}
