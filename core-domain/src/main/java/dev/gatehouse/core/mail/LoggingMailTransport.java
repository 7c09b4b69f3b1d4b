package dev.gatehouse.core.mail;

import dev.gatehouse.core.shared.Text;

import java.lang.System.Logger.Level;

/**
 * The default transport when no SMTP server is configured: sends nothing, logs one line with the
 * mail's id, recipient and subject, never the body or its link. Mails it took are marked
 * sent {@code via} {@code log}.
 */
public final class LoggingMailTransport implements MailTransport {
    private static final System.Logger LOG = System.getLogger(LoggingMailTransport.class.getName());

    @Override
    public void send(Outgoing mail) {
        LOG.log(Level.INFO, "mail not delivered (no SMTP server configured): id=" + mail.messageId() + " to="
                + Text.escapeControls(mail.to()) + " subject=\"" + Text.escapeControls(mail.content().subject()) + "\"");
    }

    @Override
    public String name() {
        return "log";
    }
}
