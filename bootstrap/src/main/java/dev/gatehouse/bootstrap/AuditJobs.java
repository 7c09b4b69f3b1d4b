package dev.gatehouse.bootstrap;

import dev.gatehouse.core.Gatehouse;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the audit entries queued behind requests (issued access tokens, ADR 30) every second, in
 * batches, and at shutdown; a failed write keeps them for the next run.
 */
@Singleton
class AuditJobs {
    private static final Logger LOG = LoggerFactory.getLogger(AuditJobs.class);

    private final Gatehouse gatehouse;

    AuditJobs(Gatehouse gatehouse) {
        this.gatehouse = gatehouse;
    }

    @Scheduled(fixedDelay = "${gatehouse.audit.flush-interval:1s}", initialDelay = "1s")
    void flush() {
        try {
            gatehouse.auditWriteBehind().flush();
        } catch (RuntimeException e) {
            LOG.warn("Writing {} queued audit entries failed; kept for the next run: {}", gatehouse.auditWriteBehind().pending(),
                    e.toString());
        }
    }

    @PreDestroy
    void flushAtShutdown() {
        flush();
    }
}
