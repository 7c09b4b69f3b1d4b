package dev.gatehouse.postgres;

import dev.gatehouse.core.contract.UsersContract;
import dev.gatehouse.core.identity.Users;
import dev.gatehouse.postgres.testing.TestPostgres;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link Users} contract against PostgreSQL, through the beans of {@link PostgresStores}. */
class PostgresUsersTest extends UsersContract {
    @RegisterExtension
    @Order(1)
    static final TestPostgres POSTGRES = new TestPostgres();
    @RegisterExtension
    @Order(2)
    static final AdapterBeans BEANS = new AdapterBeans(POSTGRES);

    @Override
    protected Users users() {
        return BEANS.fresh(dev.gatehouse.core.identity.IdentityStores.class).users();
    }
}
