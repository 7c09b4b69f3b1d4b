package dev.gatehouse.postgres;

import dev.gatehouse.core.contract.AuditLogContract;
import dev.gatehouse.core.audit.AuditLog;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link AuditLog} contract against PostgreSQL, through the beans of {@link PostgresStores}. */
class PostgresAuditLogTest extends AuditLogContract {
    @RegisterExtension
    static final AdapterBeans BEANS = AdapterBeans.onFreshDatabase();

    @Override
    protected AuditLog auditLog() {
        return BEANS.fresh(dev.gatehouse.core.platform.PlatformStores.class).auditLog();
    }

    @Override
    protected dev.gatehouse.core.shared.Transactions transactions() {
        return BEANS.bean(dev.gatehouse.core.shared.Transactions.class);
    }
}
