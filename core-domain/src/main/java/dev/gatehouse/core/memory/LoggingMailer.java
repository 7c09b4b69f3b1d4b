package dev.gatehouse.core.memory;

import dev.gatehouse.core.shared.Text;
import dev.gatehouse.core.tenancy.Mailer;

import java.lang.System.Logger.Level;

/**
 * The default {@link Mailer}: sends nothing, logs one redacted line per message (recipient and
 * subject; never the body, which holds invitation links). Replace it to deliver mail.
 */
public final class LoggingMailer implements Mailer {
    private static final System.Logger LOG = System.getLogger(LoggingMailer.class.getName());

    @Override
    public void send(Message message) {
        // Recipient and subject hold caller input (an organization's name): escaped, so they cannot forge log lines.
        LOG.log(Level.INFO, "mail not delivered (logging mailer): to=" + Text.escapeControls(String.valueOf(message.to()))
                + " subject=\"" + Text.escapeControls(message.subject()) + "\"");
    }
}
