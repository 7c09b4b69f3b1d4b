package dev.gatehouse.postgres;

import dev.gatehouse.core.contract.SigningKeysContract;
import dev.gatehouse.core.keys.SigningKeys;
import dev.gatehouse.postgres.testing.TestPostgres;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link SigningKeys} contract against PostgreSQL, through the beans of {@link PostgresStores}. */
class PostgresSigningKeysTest extends SigningKeysContract {
    @RegisterExtension
    @Order(1)
    static final TestPostgres POSTGRES = new TestPostgres();
    @RegisterExtension
    @Order(2)
    static final AdapterBeans BEANS = new AdapterBeans(POSTGRES);

    @Override
    protected SigningKeys signingKeys() {
        return BEANS.fresh(SigningKeys.class);
    }
}
