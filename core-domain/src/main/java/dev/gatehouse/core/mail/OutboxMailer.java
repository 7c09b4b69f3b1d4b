package dev.gatehouse.core.mail;

import dev.gatehouse.core.shared.Transactions;
import dev.gatehouse.core.tenancy.Mailer;

/**
 * The {@link Mailer} port on the outbox: {@link #send} seals the message and enqueues it in the
 * caller's transaction (the invitation use cases call it inside theirs, since it
 * {@link #joinsTransaction() joins transactions}; in one of its own when called outside any), with an
 * HTML alternative made from the text. The {@link MailDispatcher} delivers it. The port's
 * messages are invitations today, so they are recorded with the kind given here.
 */
public record OutboxMailer(MailQueue queue, Transactions tx, String kind) implements Mailer {
    @Override
    public void send(Message message) {
        tx.inTransaction(() -> queue.enqueue(kind, message.to(), MailContent.fromText(message.subject(), message.body())));
    }

    @Override
    public boolean joinsTransaction() {
        return true;
    }
}
