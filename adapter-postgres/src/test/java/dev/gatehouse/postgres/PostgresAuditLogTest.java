package dev.gatehouse.postgres;

import dev.gatehouse.core.contract.AuditLogContract;
import dev.gatehouse.core.audit.AuditLog;
import dev.gatehouse.postgres.testing.TestPostgres;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link AuditLog} contract against PostgreSQL, through the beans of {@link PostgresStores}. */
class PostgresAuditLogTest extends AuditLogContract {
    @RegisterExtension
    static final TestPostgres POSTGRES = new TestPostgres();
    private static ApplicationContext context;

    @BeforeAll
    static void startContext() {
        context = AdapterContext.start(POSTGRES.database());
    }

    @AfterAll
    static void stopContext() {
        context.close();
    }

    @Override
    protected AuditLog auditLog() {
        POSTGRES.database().truncateAllTables();
        return context.getBean(AuditLog.class);
    }
}
