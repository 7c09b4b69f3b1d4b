package dev.gatehouse.postgres;

import dev.gatehouse.core.tenancy.TenancyStores;
import dev.gatehouse.core.contract.InvitationsContract;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.UserId;
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
    protected OrganizationId organization() {
        return TenancyRows.organization(BEANS);
    }

    @Override
    protected UserId user(String email) {
        return TenancyRows.user(BEANS, email);
    }
}
