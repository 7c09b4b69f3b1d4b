package dev.gatehouse.core.mail;

/** Filters of the delivery list; null means any. {@code recipient} matches exactly, ignoring case. */
public record MailQuery(MailStatus status, String recipient, String kind) {
    public static MailQuery all() {
        return new MailQuery(null, null, null);
    }

    public boolean matches(QueuedMail m) {
        return (status == null || m.status() == status) && (recipient == null || m.recipient().equalsIgnoreCase(recipient))
                && (kind == null || m.kind().equals(kind));
    }
}
