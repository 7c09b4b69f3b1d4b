package dev.gatehouse.postgres.testing;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One fresh PostgreSQL database outside JUnit (benchmarks, tools): the same server choice as
 * {@link TestPostgres} ({@code GATEHOUSE_TEST_DATABASE_URL}, else a throwaway cluster started from the
 * installed binaries), a database of its own, and clean-up on {@link #close()} (the database is
 * dropped; a throwaway cluster is stopped and deleted). A JVM shutdown hook stops the cluster if
 * {@code close()} is never called.
 */
public final class StandaloneTestDatabase implements AutoCloseable {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final PostgresServer server;
    private final TestDatabase database;

    private StandaloneTestDatabase(PostgresServer server, TestDatabase database) {
        this.server = server;
        this.database = database;
    }

    /** Starts (or connects to) a server and creates {@code gh_<label>_<pid>_<n>} on it. */
    public static StandaloneTestDatabase create(String label) {
        PostgresServer server = PostgresServer.fromEnvironment();
        String name = ("gh_" + label.replaceAll("[^A-Za-z0-9]", "_") + "_" + ProcessHandle.current().pid()
                + "_" + COUNTER.incrementAndGet()).toLowerCase(Locale.ROOT);
        try {
            return new StandaloneTestDatabase(server, server.createDatabase(name));
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    public TestDatabase database() {
        return database;
    }

    /** Whether the server came from {@code GATEHOUSE_TEST_DATABASE_URL} rather than a throwaway cluster. */
    public boolean external() {
        return server.external();
    }

    @Override
    public void close() {
        try {
            server.dropDatabase(database.name());
        } finally {
            server.close();
        }
    }

    @Override
    public String toString() {
        return "StandaloneTestDatabase[" + database + " on " + server + "]";
    }
}
