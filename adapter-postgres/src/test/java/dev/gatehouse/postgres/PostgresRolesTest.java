package dev.gatehouse.postgres;

import dev.gatehouse.core.roles.Roles;
import dev.gatehouse.core.contract.RolesContract;
import dev.gatehouse.core.contract.TenantRows;
import dev.gatehouse.core.shared.Transactions;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link Roles} contract against PostgreSQL, through the beans of {@link PostgresStores}. */
class PostgresRolesTest extends RolesContract {
    @RegisterExtension
    static final AdapterBeans BEANS = AdapterBeans.onFreshDatabase();

    @Override
    protected Roles roles() {
        return BEANS.fresh(dev.gatehouse.core.roles.RoleStores.class).roles();
    }

    @Override
    protected Transactions transactions() {
        return BEANS.bean(Transactions.class);
    }

    @Override
    protected TenantRows rows() {
        return TenancyRows.in(BEANS);
    }
}
