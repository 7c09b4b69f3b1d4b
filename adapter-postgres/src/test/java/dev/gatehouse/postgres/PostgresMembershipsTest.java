package dev.gatehouse.postgres;

import dev.gatehouse.core.tenancy.TenancyStores;
import dev.gatehouse.core.contract.MembershipsContract;
import dev.gatehouse.core.contract.TenantRows;
import dev.gatehouse.core.tenancy.Memberships;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link Memberships} contract against PostgreSQL, through the beans of {@link PostgresStores}. */
class PostgresMembershipsTest extends MembershipsContract {
    @RegisterExtension
    static final AdapterBeans BEANS = AdapterBeans.onFreshDatabase();

    @Override
    protected Memberships memberships() {
        return BEANS.fresh(TenancyStores.class).memberships();
    }

    @Override
    protected TenantRows rows() {
        return TenancyRows.in(BEANS);
    }
}
