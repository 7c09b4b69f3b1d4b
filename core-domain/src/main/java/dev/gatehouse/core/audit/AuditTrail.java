package dev.gatehouse.core.audit;

import dev.gatehouse.core.authorization.AccessControl;
import dev.gatehouse.core.authorization.Authorizer;
import dev.gatehouse.core.shared.Transactions;

import java.time.Clock;

/**
 * The audit trail's use cases, wired by {@link #wire}: reading with filters and a cursor, the
 * streamed export of a time range, and the retention purge.
 */
public record AuditTrail(ListAuditEvents list, ExportAuditEvents export, PurgeAuditEvents purge) {

    /** @param retentionDays how long entries are kept (0: forever; default {@value #DEFAULT_RETENTION_DAYS}) */
    /**
     * Whether an organization exists and is not deleted: the one thing the trail asks of tenancy (a
     * port of its own, so that the audit package, which every feature uses, depends on none of them).
     */
    @FunctionalInterface
    public interface LiveOrganizations {
        boolean exists(dev.gatehouse.core.shared.OrganizationId id);
    }

    public record Settings(int retentionDays) {
        public static final int MAX_RETENTION_DAYS = 36_500;

        public Settings {
            if (retentionDays < 0 || retentionDays > MAX_RETENTION_DAYS) {
                throw new IllegalArgumentException("audit retention must be 0 (keep forever) to " + MAX_RETENTION_DAYS
                        + " days, not " + retentionDays);
            }
        }

        public static Settings defaults() {
            return new Settings(DEFAULT_RETENTION_DAYS);
        }
    }

    public static final int DEFAULT_RETENTION_DAYS = 365;

    public static AuditTrail wire(AuditLog log, LiveOrganizations organizations, Authorizer authorizer, Auditor auditor,
                                  Transactions tx, Clock clock, Settings settings) {
        var access = new AuditAccess(organizations, new AccessControl(authorizer));
        return new AuditTrail(new ListAuditEvents(log, access, tx),
                new ExportAuditEvents(log, access, auditor, tx, clock, ExportAuditEvents.SLICE),
                new PurgeAuditEvents(log, auditor, tx, clock, settings));
    }
}
