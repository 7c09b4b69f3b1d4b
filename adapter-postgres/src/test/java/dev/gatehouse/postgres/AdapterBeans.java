package dev.gatehouse.postgres;

import dev.gatehouse.postgres.testing.TestPostgres;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The adapter's beans for a test class, from a Micronaut context over the class's database. Register
 * after the {@link TestPostgres} it uses:
 *
 * <pre>{@code
 * @RegisterExtension @Order(1) static final TestPostgres POSTGRES = new TestPostgres();
 * @RegisterExtension @Order(2) static final AdapterBeans BEANS = new AdapterBeans(POSTGRES);
 * }</pre>
 */
final class AdapterBeans implements BeforeAllCallback, AfterAllCallback {
    private final TestPostgres postgres;
    private ApplicationContext context;

    AdapterBeans(TestPostgres postgres) {
        this.postgres = postgres;
    }

    @Override
    public void beforeAll(ExtensionContext extensionContext) {
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
}
