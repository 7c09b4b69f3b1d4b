package dev.gatehouse.core.mail;

import dev.gatehouse.core.audit.Auditor;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Transactions;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Retention of the delivery status: deletes mail that was sent or failed more than
 * {@code retentionDays} ago, in batches of {@value #BATCH} (each its own transaction), and records one
 * {@code mail.purged} audit entry saying how many and up to when. Open mail (pending, retrying) is
 * never deleted; 0 days keeps everything. Any instance may run it at any time.
 */
public final class PurgeMail {
    static final int BATCH = 5_000;
    /** The default retention of sent and failed mail. */
    public static final int DEFAULT_RETENTION_DAYS = 30;
    public static final int MAX_RETENTION_DAYS = 36_500;

    private final MailOutbox outbox;
    private final Auditor auditor;
    private final Transactions tx;
    private final Clock clock;
    private final int retentionDays;

    public PurgeMail(MailOutbox outbox, Auditor auditor, Transactions tx, Clock clock, int retentionDays) {
        if (retentionDays < 0 || retentionDays > MAX_RETENTION_DAYS) {
            throw new IllegalArgumentException("must be 0 (keep everything) to " + MAX_RETENTION_DAYS + " days, not " + retentionDays);
        }
        this.outbox = outbox;
        this.auditor = auditor;
        this.tx = tx;
        this.clock = clock;
        this.retentionDays = retentionDays;
    }

    public int retentionDays() {
        return retentionDays;
    }

    /** @return how many mails were deleted */
    public int handle() {
        if (retentionDays == 0) {
            return 0;
        }
        Instant cutoff = clock.instant().minus(Duration.ofDays(retentionDays));
        int total = 0;
        int deleted;
        do {
            deleted = outbox.purgeEndedBefore(cutoff, BATCH);
            total += deleted;
        } while (deleted == BATCH);
        if (total > 0) {
            Map<String, Object> changes = new LinkedHashMap<>();
            changes.put("before", cutoff.toString());
            changes.put("count", total);
            changes.put("retention_days", retentionDays);
            tx.inTransaction(() -> auditor.record(Caller.system("mail-retention"), "mail.purged", "mail_outbox", null, null, changes));
        }
        return total;
    }
}
