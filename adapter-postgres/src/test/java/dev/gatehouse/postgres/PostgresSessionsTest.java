package dev.gatehouse.postgres;

import dev.gatehouse.core.contract.SessionsContract;
import dev.gatehouse.core.sessions.Sessions;
import dev.gatehouse.core.shared.UserId;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link Sessions} contract against PostgreSQL, through the beans of {@link PostgresStores}. */
class PostgresSessionsTest extends SessionsContract {
    @RegisterExtension
    static final AdapterBeans BEANS = AdapterBeans.onFreshDatabase();

    @Override
    protected Sessions sessions() {
        return BEANS.fresh(dev.gatehouse.core.sessions.SessionStores.class).sessions();
    }

    @Override
    protected UserId user(String email) {
        return TenancyRows.user(BEANS, email);
    }
}
