package dev.gatehouse.core.tenancy;

import java.lang.System.Logger.Level;

/** Writes and sends the invitation email after the change committed; a failing mailer is logged, not fatal. */
public final class InvitationMail {
    private static final System.Logger LOG = System.getLogger(InvitationMail.class.getName());

    private final Mailer mailer;

    public InvitationMail(Mailer mailer) {
        this.mailer = java.util.Objects.requireNonNull(mailer, "mailer");
    }

    void send(Organization org, IssuedInvitation issued) {
        Invitation inv = issued.invitation();
        String subject = "You are invited to join " + org.name() + " on Gatehouse";
        String body = "You have been invited to join " + org.name() + " as " + inv.role().relation() + ".\n\n"
                + "Accept the invitation: " + issued.acceptUrl() + "\n\n"
                + "The link expires at " + inv.expiresAt() + ". If you did not expect it, ignore this email.\n";
        try {
            mailer.send(new Mailer.Message(inv.email().value(), subject, body));
        } catch (RuntimeException e) {
            // The invitation exists; whoever sent it can re-send. Never log the message body (the link).
            LOG.log(Level.WARNING, "could not send the email of invitation " + inv.id() + ": " + e.getClass().getSimpleName());
        }
    }
}
