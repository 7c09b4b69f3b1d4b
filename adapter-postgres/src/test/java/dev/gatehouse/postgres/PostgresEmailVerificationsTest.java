package dev.gatehouse.postgres;

import dev.gatehouse.core.contract.EmailVerificationsContract;
import dev.gatehouse.core.shared.UserId;
import dev.gatehouse.core.signup.EmailVerifications;
import dev.gatehouse.core.signup.SignUpStores;
import dev.gatehouse.postgres.testing.TestPostgres;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link EmailVerifications} contract against PostgreSQL, through the beans of {@link PostgresSignUpStores}. */
class PostgresEmailVerificationsTest extends EmailVerificationsContract {
    @RegisterExtension
    @Order(1)
    static final TestPostgres POSTGRES = new TestPostgres();
    @RegisterExtension
    @Order(2)
    static final AdapterBeans BEANS = new AdapterBeans(POSTGRES);

    @Override
    protected EmailVerifications verifications() {
        return BEANS.fresh(SignUpStores.class).verifications();
    }

    @Override
    protected UserId user(String email) {
        return TenancyRows.user(BEANS, email);
    }
}
