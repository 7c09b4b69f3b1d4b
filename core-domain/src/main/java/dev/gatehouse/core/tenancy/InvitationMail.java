package dev.gatehouse.core.tenancy;

import java.lang.System.Logger.Level;

/**
 * Writes and sends the invitation email: inside the invitation's transaction when the mailer joins
 * transactions (the mail outbox: the invitation and its mail exist together or not at all), else after
 * the change committed, where a failing mailer is logged, not fatal.
 */
public record InvitationMail(Mailer mailer) {
    public InvitationMail {
        java.util.Objects.requireNonNull(mailer, "mailer");
    }

    private static final System.Logger LOG = System.getLogger(InvitationMail.class.getName());

    /** Inside the invitation's transaction: sends through a mailer that joins it; a failure rolls the invitation back. */
    void sendInside(Organization org, IssuedInvitation issued) {
        if (mailer.joinsTransaction()) {
            mailer.send(message(org, issued));
        }
    }

    private static Mailer.Message message(Organization org, IssuedInvitation issued) {
        Invitation inv = issued.invitation();
        String subject = "You are invited to join " + org.name() + " on Gatehouse";
        String body = "You have been invited to join " + org.name() + " as " + inv.role().relation() + ".\n\n"
                + "Accept the invitation: " + issued.acceptUrl() + "\n\n"
                + "The link expires at " + inv.expiresAt() + ". If you did not expect it, ignore this email.\n";
        return new Mailer.Message(inv.email().value(), subject, body);
    }

    /** After the commit: sends through a mailer that does not join transactions. */
    void sendAfter(Organization org, IssuedInvitation issued) {
        if (mailer.joinsTransaction()) {
            return;
        }
        Invitation inv = issued.invitation();
        try {
            mailer.send(message(org, issued));
        } catch (RuntimeException e) {
            // The invitation exists; whoever sent it can re-send. Never log the message body (the link).
            LOG.log(Level.WARNING, "could not send the email of invitation " + inv.id() + ": " + e.getClass().getSimpleName());
        }
    }
}
