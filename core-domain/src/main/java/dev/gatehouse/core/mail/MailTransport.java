package dev.gatehouse.core.mail;

import java.util.Objects;

/**
 * Hands one mail to the outside world (SMTP, a provider, the log). Called by the {@link MailDispatcher}
 * after the mail's transaction committed, never inside one.
 */
public interface MailTransport {
    /** What to send; {@code messageId} is stable across attempts (the mail's id), for receivers to deduplicate. */
    record Outgoing(MailId messageId, String to, MailContent content) {
        public Outgoing {
            Objects.requireNonNull(messageId, "messageId");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(content, "content");
        }

        @Override
        public String toString() {
            return "Outgoing[" + messageId + "]"; // never the recipient's content
        }
    }

    /** A failed attempt; the message is stored as the delivery's last error, so it must hold no secret. */
    final class Failure extends RuntimeException {
        private final boolean permanent;

        public Failure(String message, boolean permanent, Throwable cause) {
            super(message, cause);
            this.permanent = permanent;
        }

        /** Retrying cannot help (a recipient address the server refuses for good). */
        public boolean permanent() {
            return permanent;
        }
    }

    /** Sends, or throws {@link Failure}. */
    void send(Outgoing mail);

    /** Stored with a sent mail: {@code smtp}, {@code log}, … */
    String name();
}
