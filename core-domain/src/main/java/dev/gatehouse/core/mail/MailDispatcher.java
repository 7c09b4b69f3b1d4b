package dev.gatehouse.core.mail;

import dev.gatehouse.core.shared.crypto.SecretSealer;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Delivers the outbox: claims due mail with a lease, opens it, hands it to the {@link MailTransport}
 * (outside any transaction) and records the outcome: sent, or a retry after the backoff of
 * {@link MailSettings}, or failed after the last attempt (or at once for a permanent refusal or a mail
 * that no longer opens under the master key). Safe to run on every instance at once.
 */
public record MailDispatcher(MailOutbox outbox, MailTransport transport, SecretSealer sealer, Clock clock,
                             MailSettings settings) {
    private static final System.Logger LOG = System.getLogger(MailDispatcher.class.getName());
    private static final int MAX_ERROR = 500;

    /** One pass: claims one batch and attempts each; the number of mails attempted. */
    public int runOnce() {
        Instant now = clock.instant();
        List<QueuedMail> due = outbox.claimDue(now, now.plus(settings.lease()), settings.batch());
        for (QueuedMail mail : due) {
            attempt(mail);
        }
        return due.size();
    }

    /** Passes until nothing is due; the number of mails attempted. */
    public int drain() {
        int total = 0;
        for (int n = runOnce(); n > 0; n = runOnce()) {
            total += n;
        }
        return total;
    }

    private void attempt(QueuedMail mail) {
        var content = sealer.open(mail.sealed(), MailQueue.context(mail.id())).flatMap(MailContent::decode);
        if (content.isEmpty()) {
            LOG.log(Level.WARNING, "mail " + mail.id() + " does not open under this master key: marked failed");
            outbox.record(mail.failedAttempt(clock.instant(), "sealed under another master key or damaged", null));
            return;
        }
        try {
            transport.send(new MailTransport.Outgoing(mail.id(), mail.recipient(), content.get()));
            outbox.record(mail.sent(clock.instant(), transport.name()));
        } catch (MailTransport.Failure e) {
            Instant at = clock.instant();
            int attempt = mail.attempts() + 1;
            Instant next = e.permanent() || attempt >= settings.maxAttempts() ? null : at.plus(settings.delayAfter(attempt));
            String error = e.getMessage() == null ? "send failed" : e.getMessage();
            error = error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) : error;
            LOG.log(Level.WARNING, "mail " + mail.id() + " attempt " + attempt + " failed" + (next == null ? ", giving up" : ", retrying at " + next)
                    + ": " + dev.gatehouse.core.shared.Text.escapeControls(error));
            outbox.record(mail.failedAttempt(at, error, next));
        }
    }
}
