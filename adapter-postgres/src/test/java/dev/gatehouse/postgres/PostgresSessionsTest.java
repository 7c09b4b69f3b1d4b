package dev.gatehouse.postgres;

import dev.gatehouse.core.contract.SessionsContract;
import dev.gatehouse.core.sessions.Sessions;
import dev.gatehouse.core.shared.UserId;
import dev.gatehouse.postgres.testing.TestPostgres;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link Sessions} contract against PostgreSQL, through the beans of {@link PostgresStores}. */
class PostgresSessionsTest extends SessionsContract {
    @RegisterExtension
    @Order(1)
    static final TestPostgres POSTGRES = new TestPostgres();
    @RegisterExtension
    @Order(2)
    static final AdapterBeans BEANS = new AdapterBeans(POSTGRES);

    @Override
    protected Sessions sessions() {
        return BEANS.fresh(dev.gatehouse.core.sessions.SessionStores.class).sessions();
    }

    @Override
    protected UserId user(String email) {
        return TenancyRows.user(BEANS, email);
    }
}
