package dev.gatehouse.postgres;

import dev.gatehouse.core.contract.UsersContract;
import dev.gatehouse.core.identity.Users;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link Users} contract against PostgreSQL, through the beans of {@link PostgresStores}. */
class PostgresUsersTest extends UsersContract {
    @RegisterExtension
    static final AdapterBeans BEANS = AdapterBeans.onFreshDatabase();

    @Override
    protected Users users() {
        return BEANS.fresh(dev.gatehouse.core.identity.IdentityStores.class).users();
    }
}
