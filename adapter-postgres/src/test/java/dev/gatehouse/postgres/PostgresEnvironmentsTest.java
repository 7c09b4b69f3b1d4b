package dev.gatehouse.postgres;

import dev.gatehouse.core.tenancy.TenancyStores;
import dev.gatehouse.core.contract.EnvironmentsContract;
import dev.gatehouse.core.tenancy.projects.Environments;
import dev.gatehouse.core.tenancy.projects.Projects;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link Environments} contract against PostgreSQL, through the beans of {@link PostgresStores}. */
class PostgresEnvironmentsTest extends EnvironmentsContract {
    @RegisterExtension
    static final AdapterBeans BEANS = AdapterBeans.onFreshDatabase();

    @Override
    protected Environments environments() {
        return BEANS.fresh(TenancyStores.class).environments();
    }

    @Override
    protected Projects projects() {
        return BEANS.bean(TenancyStores.class).projects();
    }
}
