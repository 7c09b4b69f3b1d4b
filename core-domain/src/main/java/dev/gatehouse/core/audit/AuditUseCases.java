package dev.gatehouse.core.audit;

import dev.gatehouse.core.authorization.Authorizer;
import dev.gatehouse.core.shared.IdGenerator;
import dev.gatehouse.core.shared.Transactions;

import java.time.Clock;
import java.util.Objects;

/**
 * The audit feature, wired once by {@link #wire}: the one {@link Auditor} every feature records
 * through, the write-behind log in front of the store (ADR 30), and the trail's use cases (list,
 * export, retention purge) reading through that log. The HTTP adapter's audit routes and bootstrap's
 * audit jobs inject this record; an embedder reaches it as {@code gatehouse.audit()}.
 *
 * @param writeBehind entries queued behind requests (issued access tokens): call
 *                    {@link WriteBehindAuditLog#flush()} every second or so and at shutdown
 * @param auditor     records entries; every feature gets it through {@code Platform}
 * @param purge       deletes entries past {@link AuditTrail.Settings#retentionDays()}; run it every hour or so
 */
public record AuditUseCases(ListAuditEvents list, ExportAuditEvents export, PurgeAuditEvents purge,
                            WriteBehindAuditLog writeBehind, Auditor auditor) {
    public AuditUseCases {
        Objects.requireNonNull(list, "list");
        Objects.requireNonNull(export, "export");
        Objects.requireNonNull(purge, "purge");
        Objects.requireNonNull(writeBehind, "writeBehind");
        Objects.requireNonNull(auditor, "auditor");
    }

    /**
     * @param log           where entries are stored
     * @param organizations whether an organization is live, the one thing the trail asks of tenancy
     * @param settings      the retention period
     */
    public static AuditUseCases wire(AuditLog log, AuditTrail.LiveOrganizations organizations, Authorizer authorizer,
                                     Transactions tx, Clock clock, IdGenerator ids, AuditTrail.Settings settings) {
        var writeBehind = new WriteBehindAuditLog(log, tx);
        var auditor = new Auditor(writeBehind, clock, ids);
        var trail = AuditTrail.wire(writeBehind, organizations, authorizer, auditor, tx, clock, settings);
        return new AuditUseCases(trail.list(), trail.export(), trail.purge(), writeBehind, auditor);
    }
}
