package dev.gatehouse.core.mail;

import dev.gatehouse.core.shared.IdGenerator;
import dev.gatehouse.core.shared.crypto.SecretSealer;

import java.time.Clock;
import java.util.Objects;

/**
 * Puts mail into the {@link MailOutbox}: seals the content with the master key (the mail's id as
 * context, so a sealed body copied to another row does not open) and enqueues it in the caller's
 * transaction. The only way mail enters the outbox.
 */
public record MailQueue(MailOutbox outbox, SecretSealer sealer, Clock clock, IdGenerator ids) {
    public MailQueue {
        Objects.requireNonNull(outbox, "outbox");
        Objects.requireNonNull(sealer, "sealer");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(ids, "ids");
    }

    static String context(MailId id) {
        return "mail:" + id.text();
    }

    /** Enqueues {@code content} for {@code to}; call inside the transaction of the change it announces. */
    public MailId enqueue(String kind, String to, MailContent content) {
        MailId id = new MailId(ids.newId());
        outbox.enqueue(QueuedMail.pending(id, kind, to, sealer.seal(content.encode(), context(id)), clock.instant()));
        return id;
    }

    public MailOutbox outbox() {
        return outbox;
    }
}
