package dev.gatehouse.postgres;

import dev.gatehouse.core.tenancy.TenancyStores;
import dev.gatehouse.core.contract.ProjectsContract;
import dev.gatehouse.core.tenancy.projects.Projects;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link Projects} contract against PostgreSQL, through the beans of {@link PostgresStores}. */
class PostgresProjectsTest extends ProjectsContract {
    @RegisterExtension
    static final AdapterBeans BEANS = AdapterBeans.onFreshDatabase();

    @Override
    protected Projects projects() {
        return BEANS.fresh(TenancyStores.class).projects();
    }
}
