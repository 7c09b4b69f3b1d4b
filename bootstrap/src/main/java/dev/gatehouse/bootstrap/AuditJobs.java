package dev.gatehouse.bootstrap;

import dev.gatehouse.core.audit.AuditUseCases;
import dev.gatehouse.core.audit.WriteBehindAuditLog;
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

    private final WriteBehindAuditLog writeBehind;

    AuditJobs(AuditUseCases audit) {
        this.writeBehind = audit.writeBehind();
    }

    @Scheduled(fixedDelay = "${gatehouse.audit.flush-interval:1s}", initialDelay = "1s")
    void flush() {
        try {
            writeBehind.flush();
        } catch (RuntimeException e) {
            LOG.warn("Writing {} queued audit entries failed; kept for the next run: {}", writeBehind.pending(),
                    e.toString());
        }
    }

    @PreDestroy
    void flushAtShutdown() {
        flush();
    }
}
