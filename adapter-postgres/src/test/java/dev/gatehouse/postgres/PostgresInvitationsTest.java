package dev.gatehouse.postgres;

import dev.gatehouse.core.tenancy.TenancyStores;
import dev.gatehouse.core.contract.InvitationsContract;
import dev.gatehouse.core.contract.TenantRows;
import dev.gatehouse.core.tenancy.Invitations;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link Invitations} contract against PostgreSQL, through the beans of {@link PostgresStores}. */
class PostgresInvitationsTest extends InvitationsContract {
    @RegisterExtension
    static final AdapterBeans BEANS = AdapterBeans.onFreshDatabase();

    @Override
    protected Invitations invitations() {
        return BEANS.fresh(TenancyStores.class).invitations();
    }

    @Override
    protected TenantRows rows() {
        return TenancyRows.in(BEANS);
    }
}
