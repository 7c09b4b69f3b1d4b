package dev.gatehouse.postgres;

import dev.gatehouse.core.contract.OrganizationsContract;
import dev.gatehouse.core.tenancy.Organizations;
import dev.gatehouse.postgres.testing.TestPostgres;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link Organizations} contract against PostgreSQL, through the beans of {@link PostgresStores}. */
class PostgresOrganizationsTest extends OrganizationsContract {
    @RegisterExtension
    @Order(1)
    static final TestPostgres POSTGRES = new TestPostgres();
    @RegisterExtension
    @Order(2)
    static final AdapterBeans BEANS = new AdapterBeans(POSTGRES);

    @Override
    protected Organizations organizations() {
        return BEANS.fresh(Organizations.class);
    }
}
