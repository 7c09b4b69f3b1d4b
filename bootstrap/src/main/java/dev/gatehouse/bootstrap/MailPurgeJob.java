package dev.gatehouse.bootstrap;

import dev.gatehouse.core.mail.PurgeMail;
import dev.gatehouse.core.signup.SignUpUseCases;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mail retention, every hour ({@code gatehouse.mail.purge-interval}): deletes mail sent or failed more
 * than {@code GATEHOUSE_MAIL_RETENTION_DAYS} ago, and the verification links that expired more than a
 * day ago. Any instance may run it: two runs at once delete disjoint or already-deleted rows.
 */
@Singleton
@Requires(property = "gatehouse.mail.purge-enabled", notEquals = "false")
class MailPurgeJob {
    private static final Logger LOG = LoggerFactory.getLogger(MailPurgeJob.class);

    private final PurgeMail purge;
    private final SignUpUseCases signUp;

    MailPurgeJob(PurgeMail purge, SignUpUseCases signUp) {
        this.purge = purge;
        this.signUp = signUp;
    }

    @Scheduled(fixedDelay = "${gatehouse.mail.purge-interval:1h}", initialDelay = "${gatehouse.mail.purge-initial-delay:15m}")
    void purge() {
        try {
            int mails = purge.handle();
            int links = signUp.openSignUp().purgeExpired();
            if (mails > 0 || links > 0) {
                LOG.info("Mail retention: deleted {} mails past {} days and {} expired verification links", mails,
                        purge.retentionDays(), links);
            }
        } catch (RuntimeException e) {
            LOG.warn("Mail retention purge failed; retrying at the next run", e);
        }
    }
}
