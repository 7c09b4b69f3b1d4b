package dev.gatehouse.postgres.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * JUnit 5 extension that gives each test class its own, fresh PostgreSQL database.
 *
 * <p>Register it on a test class, either as a field
 * <pre>{@code
 * @RegisterExtension
 * static final TestPostgres POSTGRES = new TestPostgres();
 * ... POSTGRES.database().jdbcUrl() ...
 * }</pre>
 * or declaratively with {@code @ExtendWith(TestPostgres.class)} and a {@link TestDatabase} parameter
 * on a {@code @BeforeAll}, constructor or test method.
 *
 * <p><b>Which server.</b> When {@code GATEHOUSE_TEST_DATABASE_URL} is set (a JDBC URL; user and
 * password from {@code GATEHOUSE_TEST_DATABASE_USER}/{@code _PASSWORD} or from the URL) the databases
 * are created there, and that user must be allowed to {@code CREATE DATABASE}. Otherwise one
 * throwaway cluster is started per test JVM from the installed binaries ({@code $GATEHOUSE_TEST_PG_BINDIR},
 * {@code pg_config --bindir}, {@code /usr/lib/postgresql/<newest>/bin}, then {@code PATH}) in a
 * temporary directory, on 127.0.0.1 and a free port, superuser {@code gatehouse} with trust
 * authentication. As root the cluster runs as the OS user {@code postgres} through {@code runuser}.
 * Without binaries the tests fail with a message saying how to install them; they are never skipped.
 *
 * <p><b>Clean-up.</b> The class's database is dropped after the class ({@code WITH (FORCE)}, so a pool
 * left open does not block it). The cluster is stopped ({@code pg_ctl -m immediate}) and its directory
 * deleted when the test plan ends, pass or fail; a JVM shutdown hook does the same if JUnit cannot,
 * and the next run removes clusters of test JVMs that were killed outright.
 *
 * <p>{@code @Nested} classes share their enclosing class's database. Classes run one after another
 * (one instance of this extension serves one class at a time).
 *
 * <p><b>A cluster of its own.</b> A test that stops or freezes the database (outage tests) registers
 * {@link #withOwnCluster()} instead: the class then gets a throwaway cluster of its own (started
 * from the installed binaries whatever {@code GATEHOUSE_TEST_DATABASE_URL} says, removed after the
 * class) and {@link #cluster()} to shut it down, restart, pause (SIGSTOP) and resume it.
 */
public final class TestPostgres implements BeforeAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(TestPostgres.class);
    private static final AtomicInteger COUNTER = new AtomicInteger();
    /** A failed start is not retried for every class: they all fail with the first reason. */
    private static volatile IllegalStateException startFailure;

    private final boolean ownCluster;
    private volatile TestDatabase database;
    private volatile ClusterControl control;

    /** The shared server of the test JVM (what {@code @ExtendWith(TestPostgres.class)} uses). */
    public TestPostgres() {
        this(false);
    }

    private TestPostgres(boolean ownCluster) {
        this.ownCluster = ownCluster;
    }

    /** An extension whose test class gets a throwaway cluster of its own, controllable by {@link #cluster()}. */
    public static TestPostgres withOwnCluster() {
        return new TestPostgres(true);
    }

    /** Stops, restarts, pauses and resumes the class's own cluster; only with {@link #withOwnCluster()}. */
    public ClusterControl cluster() {
        ClusterControl c = control;
        if (c == null) {
            throw new IllegalStateException("No cluster of its own: register TestPostgres.withOwnCluster() and use it from @BeforeAll on.");
        }
        return c;
    }

    /** The database of the test class being run (set in {@code beforeAll}, dropped after the class). */
    public TestDatabase database() {
        TestDatabase db = database;
        if (db == null) {
            throw new IllegalStateException("No test database: register TestPostgres on the test class "
                    + "(@RegisterExtension static field or @ExtendWith) and use it from @BeforeAll on.");
        }
        return db;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        // Store lookups fall back to the parent contexts: a @Nested class finds its outer class's database.
        ClassDatabase inherited = context.getStore(NAMESPACE).get(ClassDatabase.class, ClassDatabase.class);
        if (inherited != null) {
            database = inherited.database;
            return;
        }
        PostgresServer server;
        if (ownCluster) {
            server = PostgresServer.dedicated();
            // Closed with the class: the cluster is stopped and deleted, its database with it.
            context.getStore(NAMESPACE).put(PostgresServer.class, server);
            control = server.control();
        } else {
            server = server(context);
        }
        String name = databaseName(context.getRequiredTestClass(), server);
        TestDatabase db = server.createDatabase(name);
        context.getStore(NAMESPACE).put(ClassDatabase.class, new ClassDatabase(server, db, !ownCluster));
        database = db;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == TestDatabase.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        ClassDatabase db = extensionContext.getStore(NAMESPACE).get(ClassDatabase.class, ClassDatabase.class);
        if (db == null) {
            throw new IllegalStateException("No test database for " + extensionContext.getDisplayName());
        }
        return db.database;
    }

    private static PostgresServer server(ExtensionContext context) {
        IllegalStateException failed = startFailure;
        if (failed != null) {
            throw new IllegalStateException(failed.getMessage(), failed);
        }
        try {
            return context.getRoot().getStore(NAMESPACE)
                    .getOrComputeIfAbsent(PostgresServer.class, k -> PostgresServer.fromEnvironment(), PostgresServer.class);
        } catch (IllegalStateException e) {
            startFailure = e;
            throw e;
        }
    }

    private static String databaseName(Class<?> testClass, PostgresServer server) {
        String simple = testClass.getSimpleName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
        // A shared external server may serve several test JVMs at once: make names unique across them.
        String suffix = (server.external() ? ProcessHandle.current().pid() + "_" : "") + COUNTER.incrementAndGet();
        String prefix = "gh_" + simple;
        int room = 63 - suffix.length() - 1;
        return (prefix.length() > room ? prefix.substring(0, room) : prefix) + "_" + suffix;
    }

    /** A class's database in the class's store: dropped when JUnit closes that store. */
    @SuppressWarnings("deprecation") // CloseableResource: still what JUnit before 5.13 closes; AutoCloseable for later ones
    private record ClassDatabase(PostgresServer server, TestDatabase database, boolean drop)
            implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            if (drop) { // a cluster of the class's own goes as a whole (and may be stopped right now)
                server.dropDatabase(database.name());
            }
        }
    }
}
