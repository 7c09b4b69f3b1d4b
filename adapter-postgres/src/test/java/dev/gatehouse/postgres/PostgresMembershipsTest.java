package dev.gatehouse.postgres;

import dev.gatehouse.core.tenancy.TenancyStores;
import dev.gatehouse.core.contract.MembershipsContract;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.UserId;
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
    protected OrganizationId organization() {
        return TenancyRows.organization(BEANS);
    }

    @Override
    protected UserId user(String email) {
        return TenancyRows.user(BEANS, email);
    }
}
