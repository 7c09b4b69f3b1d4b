package dev.gatehouse.postgres.testing;

import org.junit.jupiter.api.extension.ExtensionContext;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one PostgreSQL server of a test JVM: the server named by {@value #URL_ENV} when that is set,
 * otherwise a {@link LocalCluster} started for this run. It lives in JUnit's root store (closed when
 * the test plan ends, whatever the outcome) with a JVM shutdown hook as the fallback.
 */
@SuppressWarnings("deprecation") // CloseableResource: still what JUnit before 5.13 closes; AutoCloseable for later ones
final class PostgresServer implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    static final String URL_ENV = "GATEHOUSE_TEST_DATABASE_URL";
    static final String USER_ENV = "GATEHOUSE_TEST_DATABASE_USER";
    static final String PASSWORD_ENV = "GATEHOUSE_TEST_DATABASE_PASSWORD";
    private static final Pattern JDBC_URL = Pattern.compile("^(jdbc:postgresql://[^/?]*)(/[^?]*)?(\\?.*)?$");

    private final String urlPrefix;
    private final String urlParameters;
    private final String adminDatabase;
    private final String user;
    private final String password;
    private final LocalCluster cluster;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread shutdownHook;

    private PostgresServer(String url, String user, String password, LocalCluster cluster) {
        Matcher m = JDBC_URL.matcher(url);
        if (!m.matches()) {
            throw new IllegalStateException(URL_ENV + " must look like jdbc:postgresql://host:port/database[?params], not " + url);
        }
        this.urlPrefix = m.group(1);
        this.adminDatabase = m.group(2) == null || m.group(2).length() <= 1 ? "postgres" : m.group(2).substring(1);
        this.urlParameters = m.group(3) == null ? "" : m.group(3);
        this.user = user;
        this.password = password;
        this.cluster = cluster;
        this.shutdownHook = new Thread(this::close, "test-postgres-cleanup");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    static PostgresServer fromEnvironment() {
        String url = System.getenv(URL_ENV);
        if (url != null && !url.isBlank()) {
            return new PostgresServer(url.strip(), blankToNull(System.getenv(USER_ENV)), blankToNull(System.getenv(PASSWORD_ENV)), null);
        }
        LocalCluster cluster = LocalCluster.start();
        return new PostgresServer(cluster.jdbcUrl("postgres"), LocalCluster.SUPERUSER, "", cluster);
    }

    /**
     * A server for one test class alone: always a new {@link LocalCluster} (even when
     * {@value #URL_ENV} is set), so the class may stop or freeze it.
     */
    static PostgresServer dedicated() {
        LocalCluster cluster = LocalCluster.start();
        return new PostgresServer(cluster.jdbcUrl("postgres"), LocalCluster.SUPERUSER, "", cluster);
    }

    /** Control over the throwaway cluster; only for a {@link #dedicated()} server. */
    ClusterControl control() {
        if (cluster == null) {
            throw new IllegalStateException("an external test server cannot be stopped by a test");
        }
        return new ClusterControl() {
            @Override
            public void shutDown() {
                cluster.shutDownServer();
            }

            @Override
            public void restart() {
                cluster.restartServer();
            }

            @Override
            public void pause() {
                cluster.pause();
            }

            @Override
            public void resume() {
                cluster.resume();
            }
        };
    }

    String jdbcUrl(String database) {
        return urlPrefix + "/" + database + urlParameters;
    }

    TestDatabase createDatabase(String name) {
        execute("CREATE DATABASE " + name);
        return new TestDatabase(name, jdbcUrl(name), user, password);
    }

    void dropDatabase(String name) {
        // FORCE ends sessions a test left open (a connection pool that was never closed).
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    boolean external() {
        return cluster == null;
    }

    private void execute(String sql) {
        try (Connection c = connect(jdbcUrl(adminDatabase)); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Test PostgreSQL: `" + sql + "` failed: " + e.getMessage()
                    + (cluster == null ? " (the user of " + URL_ENV + " must be allowed to CREATE DATABASE)" : "\n" + cluster.logTail()), e);
        }
    }

    Connection connect(String url) throws SQLException {
        Properties props = new Properties();
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        return DriverManager.getConnection(url, props);
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // called from the hook itself
        }
        if (cluster != null) {
            cluster.stop();
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    @Override
    public String toString() {
        return cluster != null ? cluster.toString() : "PostgresServer[" + urlPrefix + "]";
    }
}
