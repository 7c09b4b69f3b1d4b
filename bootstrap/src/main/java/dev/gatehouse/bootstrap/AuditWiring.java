package dev.gatehouse.bootstrap;

import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.audit.AuditTrail;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

/**
 * The audit trail feature ({@link AuditTrail}): its use cases over the active stores, and its
 * retention from {@code gatehouse.audit.retention-days} ({@code GATEHOUSE_AUDIT_RETENTION_DAYS},
 * default 365; 0 keeps everything). A value that is not a number of days stops the start.
 */
@Factory
class AuditWiring {
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
    AuditTrail auditTrail(Gatehouse gatehouse, AuditTrail.Settings settings) {
        var p = gatehouse.ports();
        return AuditTrail.wire(gatehouse.auditWriteBehind(), p.tenancyStores().organizations()::live, p.authorizer(), gatehouse.auditor(), p.transactions(), p.clock(),
                settings);
    }
}
