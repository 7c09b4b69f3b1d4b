package dev.gatehouse.postgres;

import dev.gatehouse.core.contract.EmailVerificationsContract;
import dev.gatehouse.core.shared.UserId;
import dev.gatehouse.core.signup.EmailVerifications;
import dev.gatehouse.core.signup.SignUpStores;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link EmailVerifications} contract against PostgreSQL, through the beans of {@link PostgresSignUpStores}. */
class PostgresEmailVerificationsTest extends EmailVerificationsContract {
    @RegisterExtension
    static final AdapterBeans BEANS = AdapterBeans.onFreshDatabase();

    @Override
    protected EmailVerifications verifications() {
        return BEANS.fresh(SignUpStores.class).verifications();
    }

    @Override
    protected UserId user(String email) {
        return TenancyRows.user(BEANS, email);
    }
}
