package dev.gatehouse.core.memory;

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
        LOG.log(Level.INFO, "mail not delivered (logging mailer): to=" + message.to() + " subject=\"" + message.subject() + "\"");
    }
}
