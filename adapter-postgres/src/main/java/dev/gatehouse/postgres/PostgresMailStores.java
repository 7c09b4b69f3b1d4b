package dev.gatehouse.postgres;

import dev.gatehouse.core.mail.MailOutbox;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/** The mail feature's store on PostgreSQL (the feature owns its wiring; see {@link PostgresStores}). */
@Factory
@Requires(property = PostgresStores.STORE_PROPERTY, value = PostgresStores.STORE_VALUE)
class PostgresMailStores {
    @Singleton
    MailOutbox mailOutbox(Sql sql) {
        return new JdbcMailOutbox(sql);
    }
}
