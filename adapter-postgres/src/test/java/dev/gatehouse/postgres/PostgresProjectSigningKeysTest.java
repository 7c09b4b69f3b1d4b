package dev.gatehouse.postgres;

import dev.gatehouse.core.contract.ProjectSigningKeysContract;
import dev.gatehouse.core.shared.Transactions;
import dev.gatehouse.core.tenancy.projects.Projects;
import dev.gatehouse.core.tokens.ProjectSigningKeys;
import dev.gatehouse.postgres.testing.TestPostgres;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link ProjectSigningKeys} contract against PostgreSQL, through the beans of {@link PostgresStores}. */
class PostgresProjectSigningKeysTest extends ProjectSigningKeysContract {
    @RegisterExtension
    @Order(1)
    static final TestPostgres POSTGRES = new TestPostgres();
    @RegisterExtension
    @Order(2)
    static final AdapterBeans BEANS = new AdapterBeans(POSTGRES);

    @Override
    protected ProjectSigningKeys projectSigningKeys() {
        return BEANS.fresh(ProjectSigningKeys.class);
    }

    @Override
    protected Projects projects() {
        return BEANS.bean(Projects.class);
    }

    @Override
    protected Transactions transactions() {
        return BEANS.bean(Transactions.class);
    }
}
