package dev.gatehouse.bootstrap;

import dev.gatehouse.core.audit.AuditUseCases;
import dev.gatehouse.core.audit.WriteBehindAuditLog;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Writes the audit entries queued behind requests (issued access tokens, ADR 30) every second, in
 * batches, and at shutdown; a failed write keeps them for the next run. A full batch in between is
 * written on this job's own thread (started when needed, gone after a minute idle), so no request
 * waits for it (ADR 38).
 */
@Singleton
class AuditJobs {
    private static final Logger LOG = LoggerFactory.getLogger(AuditJobs.class);

    private final WriteBehindAuditLog writeBehind;
    private final ThreadPoolExecutor batches = new ThreadPoolExecutor(0, 1, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
            r -> {
                Thread t = new Thread(r, "audit-write-behind");
                t.setDaemon(true);
                return t;
            });

    AuditJobs(AuditUseCases audit) {
        this.writeBehind = audit.writeBehind();
        writeBehind.flushOn(batches);
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
        writeBehind.flushOn(null);
        batches.shutdown();
        flush();
    }
}
