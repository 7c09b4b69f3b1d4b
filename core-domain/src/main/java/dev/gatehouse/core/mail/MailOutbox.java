package dev.gatehouse.core.mail;

import dev.gatehouse.core.shared.CursorPage;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The transactional outbox of mail: {@link #enqueue} joins the caller's transaction, so a mail exists
 * exactly when the change it announces does; dispatchers on any instance claim due mail with a lease
 * and record the outcome. A dispatcher that dies between claim and outcome leaves the lease to run
 * out, after which any instance claims the mail again (at-least-once).
 */
public interface MailOutbox {
    /** Adds a mail in the caller's transaction (or on its own outside one). */
    void enqueue(QueuedMail mail);

    /**
     * In a transaction of its own: up to {@code limit} open mails due at {@code now} whose lease (if any)
     * has run out, oldest due first, leased until {@code leaseUntil}. Concurrent claims never return the
     * same mail (PostgreSQL: {@code FOR UPDATE SKIP LOCKED}).
     */
    List<QueuedMail> claimDue(Instant now, Instant leaseUntil, int limit);

    /** Stores the outcome of an attempt (the mail as {@link QueuedMail#sent} or {@link QueuedMail#failedAttempt} made it). */
    void record(QueuedMail outcome);

    Optional<QueuedMail> byId(MailId id);

    /** Newest first, filtered; {@code before} continues after the last item of the previous slice. */
    CursorPage<QueuedMail> list(MailQuery query, MailId before, int limit);

    /** Counts open mails (pending or retrying), for metrics and tests. */
    long openCount();

    /**
     * Deletes up to {@code limit} mails that ended (sent or failed) before {@code before}, oldest first,
     * in a transaction of its own; how many. Open mail is never deleted.
     */
    int purgeEndedBefore(Instant before, int limit);
}
