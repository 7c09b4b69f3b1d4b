package dev.gatehouse.bootstrap;

import dev.gatehouse.core.mail.MailDispatcher;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the mail outbox on every instance, every second ({@code gatehouse.mail.dispatch-interval}):
 * instances share the work through the store's leased claims. {@code GATEHOUSE_MAIL_DISPATCHER=off}
 * leaves an instance out of delivering.
 */
@Context // built at start: a bad mail or SMTP setting stops the start instead of only the job
class MailJobs {
    private static final Logger LOG = LoggerFactory.getLogger(MailJobs.class);
    private final MailDispatcher dispatcher;
    private final boolean enabled;

    MailJobs(MailDispatcher dispatcher, @Value("${gatehouse.mail.dispatcher:true}") boolean enabled) {
        this.dispatcher = dispatcher;
        this.enabled = enabled;
        if (!enabled) {
            LOG.info("Mail dispatcher off on this instance");
        }
    }

    @Scheduled(fixedDelay = "${gatehouse.mail.dispatch-interval:1s}", initialDelay = "${gatehouse.mail.dispatch-initial-delay:2s}")
    void dispatch() {
        if (!enabled) {
            return;
        }
        try {
            dispatcher.drain();
        } catch (RuntimeException e) {
            LOG.warn("Mail dispatch failed; retrying at the next run: {}", e.toString());
        }
    }
}
