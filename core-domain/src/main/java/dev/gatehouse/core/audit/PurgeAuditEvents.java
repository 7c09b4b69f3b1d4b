package dev.gatehouse.core.audit;

import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Transactions;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Retention: deletes the entries older than the retention period, in batches of {@value #BATCH}
 * (each its own short transaction, so a large backlog never holds one long lock), and records one
 * {@code audit.purged} entry saying how many and up to when. A retention of 0 days keeps everything.
 * Any instance may run it: two runs at once delete disjoint or already-deleted rows.
 */
public record PurgeAuditEvents(AuditLog log, Auditor auditor, Transactions tx, Clock clock,
                               AuditTrail.Settings settings) {
    static final int BATCH = 5_000;

    /** @return how many entries were deleted */
    public int handle() {
        if (settings.retentionDays() == 0) {
            return 0;
        }
        Instant cutoff = clock.instant().minus(java.time.Duration.ofDays(settings.retentionDays()));
        int total = 0;
        int deleted;
        do {
            deleted = log.purgeBefore(cutoff, BATCH);
            total += deleted;
        } while (deleted == BATCH);
        if (total > 0) {
            int count = total;
            Map<String, Object> changes = new LinkedHashMap<>();
            changes.put("before", cutoff.toString());
            changes.put("count", count);
            changes.put("retention_days", settings.retentionDays());
            tx.inTransaction(() -> auditor.record(Caller.system("audit-retention"), "audit.purged", "audit_trail", null, null,
                    changes));
        }
        return total;
    }
}
