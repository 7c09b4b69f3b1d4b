package dev.gatehouse.postgres;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;

/**
 * Applies {@link DatabaseTimeouts} to the connection pool before it is built: HikariCP's connection
 * and validation timeouts, and pgjdbc's {@code socketTimeout} plus the server's
 * {@code statement_timeout} (sent as the {@code options} start-up parameter) for every connection.
 * A {@code socketTimeout} or {@code options} in the JDBC URL takes precedence (pgjdbc prefers URL
 * parameters).
 */
@Singleton
@Requires(property = PostgresStores.STORE_PROPERTY, value = PostgresStores.STORE_VALUE)
final class DatasourceTimeouts implements BeanCreatedEventListener<DatasourceConfiguration> {
    private final DatabaseTimeouts timeouts;

    DatasourceTimeouts(DatabaseTimeouts timeouts) {
        this.timeouts = timeouts;
    }

    @Override
    public DatasourceConfiguration onCreated(BeanCreatedEvent<DatasourceConfiguration> event) {
        DatasourceConfiguration pool = event.getBean();
        pool.setConnectionTimeout(timeouts.connectionTimeoutMillis());
        pool.setValidationTimeout(timeouts.validationTimeoutMillis());
        pool.addDataSourceProperty("socketTimeout", String.valueOf(timeouts.socketTimeoutSeconds()));
        String options = pool.getDataSourceProperties().getProperty("options", "").strip();
        pool.addDataSourceProperty("options", (options.isEmpty() ? "" : options + " ")
                + "-c statement_timeout=" + timeouts.statementTimeoutMillis());
        return pool;
    }
}
