package dev.gatehouse.postgres;

import dev.gatehouse.core.tenancy.TenancyStores;
import dev.gatehouse.core.contract.EnvironmentsContract;
import dev.gatehouse.core.tenancy.projects.Environments;
import dev.gatehouse.core.tenancy.projects.Projects;
import dev.gatehouse.postgres.testing.TestPostgres;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link Environments} contract against PostgreSQL, through the beans of {@link PostgresStores}. */
class PostgresEnvironmentsTest extends EnvironmentsContract {
    @RegisterExtension
    @Order(1)
    static final TestPostgres POSTGRES = new TestPostgres();
    @RegisterExtension
    @Order(2)
    static final AdapterBeans BEANS = new AdapterBeans(POSTGRES);

    @Override
    protected Environments environments() {
        return BEANS.fresh(TenancyStores.class).environments();
    }

    @Override
    protected Projects projects() {
        return BEANS.bean(TenancyStores.class).projects();
    }
}
