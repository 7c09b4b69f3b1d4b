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
public final class MailQueue {
    private final MailOutbox outbox;
    private final SecretSealer sealer;
    private final Clock clock;
    private final IdGenerator ids;

    public MailQueue(MailOutbox outbox, SecretSealer sealer, Clock clock, IdGenerator ids) {
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.sealer = Objects.requireNonNull(sealer, "sealer");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = Objects.requireNonNull(ids, "ids");
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
