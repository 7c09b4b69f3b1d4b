package dev.gatehouse.postgres.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * One empty database created for one test class by {@link TestPostgres}, and how to reach it.
 *
 * @param name     the database name ({@code gh_<class>_<n>})
 * @param jdbcUrl  {@code jdbc:postgresql://…/<name>}
 * @param user     the user to connect as (null when it comes from the URL)
 * @param password the password (may be empty or null)
 */
public record TestDatabase(String name, String jdbcUrl, String user, String password) {

    /** A new plain JDBC connection (auto-commit); the caller closes it. */
    public Connection connect() throws SQLException {
        Properties props = new Properties();
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        return DriverManager.getConnection(jdbcUrl, props);
    }

    /**
     * Micronaut configuration for this database as the default datasource, with Flyway migrating it
     * on start: {@code datasources.default.*}, {@code flyway.datasources.default.enabled} and a
     * generous {@code gatehouse.database.timeout} (30 s). Add your
     * own keys (for example {@code gatehouse.store=postgres}) to the returned mutable map.
     */
    public Map<String, Object> micronautProperties() {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("datasources.default.url", jdbcUrl);
        if (user != null) {
            props.put("datasources.default.username", user);
        }
        props.put("datasources.default.password", password == null ? "" : password);
        props.put("datasources.default.driver-class-name", "org.postgresql.Driver");
        props.put("flyway.datasources.default.enabled", true);
        // Room for a busy test machine (statements waiting on locks other test threads hold); the
        // 5 s production budget itself is tested with budgets of its own (outage and timeout tests).
        props.put("gatehouse.database.timeout", "30s");
        return props;
    }

    /**
     * Empties every table of the {@code public} schema except Flyway's history, in one statement
     * ({@code TRUNCATE … RESTART IDENTITY CASCADE}); for tests that need a clean slate per method.
     * TRUNCATE does not fire row triggers, so it also empties append-only tables.
     */
    public void truncateAllTables() {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT quote_ident(tablename) FROM pg_tables WHERE schemaname = 'public'"
                    + " AND tablename <> 'flyway_schema_history'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            if (!tables.isEmpty()) {
                s.execute("TRUNCATE " + String.join(", ", tables) + " RESTART IDENTITY CASCADE");
                // relationship indexes listening on this database drop what they hold (ADR 0036)
                s.execute("NOTIFY gatehouse_relationships, '*'");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot truncate the tables of " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "TestDatabase[" + jdbcUrl + ", user " + user + "]"; // never the password
    }
}
