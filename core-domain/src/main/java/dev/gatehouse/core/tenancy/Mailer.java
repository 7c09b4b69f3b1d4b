package dev.gatehouse.core.tenancy;

import java.util.Objects;

/**
 * Sends email: the only way Gatehouse mails anyone. A mailer that {@link #joinsTransaction() joins the
 * caller's transaction} (the mail outbox) is called inside the transaction of the change it announces,
 * so both commit or neither does; any other is called after the change committed, and a failure to send
 * does not undo that change (invitations can be re-sent).
 */
public interface Mailer {

    /** One plain-text email. {@code body} may hold secrets (invitation links): never log it. */
    record Message(String to, String subject, String body) {
        public Message {
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(body, "body");
        }

        @Override
        public String toString() {
            return "Message[to=" + to + ", subject=" + subject + "]"; // never the body
        }
    }

    void send(Message message);

    /**
     * Whether {@link #send} only writes in the caller's transaction (an outbox) and may therefore be
     * called inside it. False by default: a mailer that talks to a server is called after the commit.
     */
    default boolean joinsTransaction() {
        return false;
    }
}
