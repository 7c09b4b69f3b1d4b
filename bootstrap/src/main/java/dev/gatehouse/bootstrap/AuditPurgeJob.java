package dev.gatehouse.bootstrap;

import dev.gatehouse.core.audit.AuditUseCases;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes audit entries older than the retention period ({@code GATEHOUSE_AUDIT_RETENTION_DAYS})
 * every hour ({@code gatehouse.audit.purge-interval}). Any instance may run it: two runs at once
 * delete disjoint or already-deleted entries.
 */
@Singleton
@Requires(property = "gatehouse.audit.purge-enabled", notEquals = "false")
class AuditPurgeJob {
    private static final Logger LOG = LoggerFactory.getLogger(AuditPurgeJob.class);

    private final AuditUseCases audit;

    AuditPurgeJob(AuditUseCases audit) {
        this.audit = audit;
    }

    @Scheduled(fixedDelay = "${gatehouse.audit.purge-interval:1h}", initialDelay = "${gatehouse.audit.purge-initial-delay:5m}")
    void purge() {
        try {
            int purged = audit.purge().handle();
            if (purged > 0) {
                LOG.info("Audit retention: deleted {} entries past the retention period", purged);
            }
        } catch (RuntimeException e) {
            LOG.warn("Audit retention purge failed; retrying at the next run", e);
        }
    }
}
