package dev.gatehouse.postgres;

import dev.gatehouse.core.tenancy.TenancyStores;
import dev.gatehouse.core.contract.ApiKeysContract;
import dev.gatehouse.core.keys.ApiKeys;
import dev.gatehouse.core.tenancy.projects.Environments;
import dev.gatehouse.core.tenancy.projects.Projects;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link ApiKeys} contract against PostgreSQL, through the beans of {@link PostgresStores}. */
class PostgresApiKeysTest extends ApiKeysContract {
    @RegisterExtension
    static final AdapterBeans BEANS = AdapterBeans.onFreshDatabase();

    @Override
    protected ApiKeys apiKeys() {
        return BEANS.fresh(dev.gatehouse.core.keys.KeyStores.class).apiKeys();
    }

    @Override
    protected Projects projects() {
        return BEANS.bean(TenancyStores.class).projects();
    }

    @Override
    protected Environments environments() {
        return BEANS.bean(TenancyStores.class).environments();
    }
}
