package dev.gatehouse.postgres;

import dev.gatehouse.postgres.testing.TestPostgres;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The adapter's beans for a test class, from a Micronaut context over the class's database. A test
 * that needs nothing but the beans registers one extension, which brings its own fresh database:
 *
 * <pre>{@code
 * @RegisterExtension static final AdapterBeans BEANS = AdapterBeans.onFreshDatabase();
 * }</pre>
 *
 * A test that also reaches the database (SQL of its own, a {@code TestDatabase} parameter) registers
 * the {@link TestPostgres} first and hands it over:
 *
 * <pre>{@code
 * @RegisterExtension @Order(1) static final TestPostgres POSTGRES = new TestPostgres();
 * @RegisterExtension @Order(2) static final AdapterBeans BEANS = new AdapterBeans(POSTGRES);
 * }</pre>
 */
final class AdapterBeans implements BeforeAllCallback, AfterAllCallback {
    private final TestPostgres postgres;
    /** Whether this extension runs the database's life cycle itself (not registered on the class). */
    private final boolean ownsDatabase;
    private ApplicationContext context;

    AdapterBeans(TestPostgres postgres) {
        this(postgres, false);
    }

    private AdapterBeans(TestPostgres postgres, boolean ownsDatabase) {
        this.postgres = postgres;
        this.ownsDatabase = ownsDatabase;
    }

    /** Beans over a fresh database of the test class's own (dropped after the class). */
    static AdapterBeans onFreshDatabase() {
        return new AdapterBeans(new TestPostgres(), true);
    }

    @Override
    public void beforeAll(ExtensionContext extensionContext) {
        if (ownsDatabase) {
            postgres.beforeAll(extensionContext);
        }
        context = AdapterContext.start(postgres.database());
    }

    @Override
    public void afterAll(ExtensionContext extensionContext) {
        if (context != null) {
            context.close();
        }
    }

    /** Empties every table, then returns the bean: each contract test starts from empty stores. */
    <T> T fresh(Class<T> type) {
        postgres.database().truncateAllTables();
        return context.getBean(type);
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** The context itself, for a test that builds a second store over the same database. */
    ApplicationContext context() {
        return context;
    }
}
