package dev.gatehouse.postgres;

import dev.gatehouse.core.sessions.Sessions;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/** The sessions feature's store on PostgreSQL (the feature owns its wiring; see {@link PostgresStores}). */
@Factory
@Requires(property = PostgresStores.STORE_PROPERTY, value = PostgresStores.STORE_VALUE)
class PostgresSessionStores {
    @Singleton
    Sessions sessions(Sql sql) {
        return new JdbcSessions(sql);
    }
}
