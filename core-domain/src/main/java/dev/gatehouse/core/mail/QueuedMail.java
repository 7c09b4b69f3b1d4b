package dev.gatehouse.core.mail;

import java.time.Instant;
import java.util.Objects;

/**
 * A mail in the outbox. {@code sealed} is the {@link MailContent} sealed with the master key (the
 * mail's id as context): no subject, body or link is stored in clear. {@code kind} says what it is
 * ({@code invitation}, {@code email_verification}, {@code api_key_expiring}, …); {@code via} which
 * transport took it ({@code smtp}, {@code log}) once sent. {@code leaseUntil} is set while a
 * dispatcher holds it.
 */
public record QueuedMail(MailId id, String kind, String recipient, byte[] sealed, MailStatus status, int attempts,
                         Instant nextAttemptAt, Instant leaseUntil, String lastError, Instant createdAt, Instant updatedAt,
                         Instant sentAt, String via) {
    public QueuedMail {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(sealed, "sealed");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** A new mail, due at once. */
    public static QueuedMail pending(MailId id, String kind, String recipient, byte[] sealed, Instant now) {
        return new QueuedMail(id, kind, recipient, sealed, MailStatus.PENDING, 0, now, null, null, now, now, null, null);
    }

    public QueuedMail leased(Instant until) {
        return new QueuedMail(id, kind, recipient, sealed, status, attempts, nextAttemptAt, until, lastError, createdAt, updatedAt,
                sentAt, via);
    }

    public QueuedMail sent(Instant at, String transport) {
        return new QueuedMail(id, kind, recipient, sealed, MailStatus.SENT, attempts + 1, nextAttemptAt, null, null, createdAt, at,
                at, transport);
    }

    /** After a failed attempt: {@code next} null gives up ({@link MailStatus#FAILED}). */
    public QueuedMail failedAttempt(Instant at, String error, Instant next) {
        return new QueuedMail(id, kind, recipient, sealed, next == null ? MailStatus.FAILED : MailStatus.RETRYING, attempts + 1,
                next == null ? nextAttemptAt : next, null, error, createdAt, at, null, via);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QueuedMail m && id.equals(m.id) && kind.equals(m.kind) && recipient.equals(m.recipient)
                && java.util.Arrays.equals(sealed, m.sealed) && status == m.status && attempts == m.attempts
                && nextAttemptAt.equals(m.nextAttemptAt) && Objects.equals(leaseUntil, m.leaseUntil)
                && Objects.equals(lastError, m.lastError) && createdAt.equals(m.createdAt) && updatedAt.equals(m.updatedAt)
                && Objects.equals(sentAt, m.sentAt) && Objects.equals(via, m.via);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "QueuedMail[" + id + ", " + kind + ", " + status + ", attempts=" + attempts + "]"; // never the sealed content
    }
}
