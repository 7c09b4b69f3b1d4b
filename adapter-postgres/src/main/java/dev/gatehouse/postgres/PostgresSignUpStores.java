package dev.gatehouse.postgres;

import dev.gatehouse.core.signup.SignUpStores;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/** The sign-up feature's store on PostgreSQL (the feature owns its wiring; see {@link PostgresStores}). */
@Factory
@Requires(property = PostgresStores.STORE_PROPERTY, value = PostgresStores.STORE_VALUE)
class PostgresSignUpStores {
    @Singleton
    SignUpStores signUpStores(Sql sql) {
        return new SignUpStores(new JdbcEmailVerifications(sql));
    }
}
