package dev.gatehouse.core.tenancy;

import java.util.Objects;

/**
 * Sends email: the only way Gatehouse mails anyone. Called after the change it announces has
 * committed; a failure to send does not undo that change (invitations can be re-sent).
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
}
