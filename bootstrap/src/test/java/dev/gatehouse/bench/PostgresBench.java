package dev.gatehouse.bench;

import dev.gatehouse.core.authorization.Relationships;
import dev.gatehouse.core.shared.Transactions;
import dev.gatehouse.postgres.testing.StandaloneTestDatabase;
import io.micronaut.context.ApplicationContext;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * PostgreSQL for a benchmark trial: a fresh database from adapter-postgres's test harness
 * ({@code GATEHOUSE_TEST_DATABASE_URL}, else a throwaway cluster from the installed binaries) and a
 * Micronaut context configured the way bootstrap runs it ({@code gatehouse.store=postgres}, default
 * datasource, Flyway migrating on start), whose {@link Relationships} and {@link Transactions} beans
 * the benchmark uses. {@link #close()} stops the context and drops the database (and the cluster).
 */
final class PostgresBench implements AutoCloseable {
    private final StandaloneTestDatabase database;
    private final ApplicationContext context;

    private PostgresBench(StandaloneTestDatabase database, ApplicationContext context) {
        this.database = database;
        this.context = context;
    }

    static PostgresBench start(String label) {
        return start(label, Map.of());
    }

    /** With extra properties ({@code gatehouse.webhooks.allow-http}, for example). */
    static PostgresBench start(String label, Map<String, Object> extra) {
        StandaloneTestDatabase database = StandaloneTestDatabase.create("bench_" + label);
        try {
            Map<String, Object> props = database.database().micronautProperties();
            props.putAll(extra);
            props.put("gatehouse.store", "postgres");
            // bootstrap's start-up creates the first admin: a fixed password, so it prints none.
            props.put("gatehouse.admin.password", "benchmark-admin-password");
            return new PostgresBench(database, ApplicationContext.run(props));
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /** Any bean of the context (the {@code Gatehouse} bootstrap wires, for example). */
    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** One number from the database (a count, for example). */
    long queryLong(String sql) {
        try (Connection c = database.database().connect(); Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed: " + e.getMessage(), e);
        }
    }

    Relationships relationships() {
        return context.getBean(dev.gatehouse.core.platform.PlatformStores.class).relationships();
    }

    Transactions transactions() {
        return context.getBean(Transactions.class);
    }

    /** Refreshes the planner statistics after loading, as autovacuum would soon after. */
    void analyze() {
        try (Connection c = database.database().connect(); Statement s = c.createStatement()) {
            s.execute("ANALYZE");
        } catch (SQLException e) {
            throw new IllegalStateException("ANALYZE failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            context.close();
        } finally {
            database.close();
        }
    }

    @Override
    public String toString() {
        return database.external() ? "PostgreSQL from GATEHOUSE_TEST_DATABASE_URL" : "throwaway PostgreSQL cluster";
    }
}
