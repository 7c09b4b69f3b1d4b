package dev.gatehouse.bootstrap;

import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.audit.AuditTrail;
import dev.gatehouse.core.audit.AuditUseCases;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

/**
 * The audit feature as a bean: its use cases ({@link AuditUseCases}: auditor, write-behind log, list,
 * export, retention purge), wired once inside {@link Gatehouse} over the active {@code PlatformStores}'
 * audit log, with the retention from {@code gatehouse.audit.retention-days}
 * ({@code GATEHOUSE_AUDIT_RETENTION_DAYS}, default 365; 0 keeps everything), which {@code CoreWiring}
 * puts into the core's {@code Settings}. A value that is not
 * a number of days stops the start. The audit routes and jobs inject this, never the facade.
 */
@Factory
class AuditFactory {
    static final String RETENTION_PROPERTY = "gatehouse.audit.retention-days";

    @Singleton
    AuditTrail.Settings auditSettings(@Property(name = RETENTION_PROPERTY) @Nullable String retentionDays) {
        if (retentionDays == null || retentionDays.isBlank()) {
            return AuditTrail.Settings.defaults();
        }
        try {
            return new AuditTrail.Settings(Integer.parseInt(retentionDays.strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("GATEHOUSE_AUDIT_RETENTION_DAYS must be a number of days (0 keeps everything), not '"
                    + retentionDays + "'");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("GATEHOUSE_AUDIT_RETENTION_DAYS: " + e.getMessage());
        }
    }

    @Singleton
    AuditUseCases auditUseCases(Gatehouse gatehouse) {
        return gatehouse.audit();
    }
}
