package dev.gatehouse.postgres;

import dev.gatehouse.postgres.testing.TestDatabase;
import dev.gatehouse.postgres.testing.TestPostgres;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The adapter's beans for a test class, from a Micronaut context over a fresh database of the class's
 * own (dropped after the class); SQL of the test's own reaches that database through {@link #database()}:
 *
 * <pre>{@code
 * @RegisterExtension static final AdapterBeans BEANS = AdapterBeans.onFreshDatabase();
 * }</pre>
 */
final class AdapterBeans implements BeforeAllCallback, AfterAllCallback {
    private final TestPostgres postgres;
    private ApplicationContext context;

    private AdapterBeans(TestPostgres postgres) {
        this.postgres = postgres;
    }

    /** Beans over a fresh database of the test class's own (dropped after the class). */
    static AdapterBeans onFreshDatabase() {
        return new AdapterBeans(new TestPostgres());
    }

    @Override
    public void beforeAll(ExtensionContext extensionContext) {
        postgres.beforeAll(extensionContext);
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

    /** The class's database, for SQL of the test's own. */
    TestDatabase database() {
        return postgres.database();
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** The context itself, for a test that builds a second store over the same database. */
    ApplicationContext context() {
        return context;
    }
}
