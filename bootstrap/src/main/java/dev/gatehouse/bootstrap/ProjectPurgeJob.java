package dev.gatehouse.bootstrap;

import dev.gatehouse.core.tenancy.TenancyUseCases;
import dev.gatehouse.core.shared.Caller;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hard-deletes projects soft-deleted more than 30 days ago, with their environments and
 * relationships, every hour ({@code gatehouse.projects.purge-interval}). Every instance may run it:
 * each project is purged in its own transaction that re-checks it is still due, so a race purges it
 * once. Disable with {@code gatehouse.projects.purge-enabled=false}.
 */
@Singleton
@Requires(property = "gatehouse.projects.purge-enabled", notEquals = "false")
class ProjectPurgeJob {
    private static final Logger LOG = LoggerFactory.getLogger(ProjectPurgeJob.class);
    static final int BATCH = 100;
    private static final Caller PURGE = Caller.system("project-purge");

    private final TenancyUseCases tenancy;

    ProjectPurgeJob(TenancyUseCases tenancy) {
        this.tenancy = tenancy;
    }

    @Scheduled(fixedDelay = "${gatehouse.projects.purge-interval:1h}", initialDelay = "${gatehouse.projects.purge-initial-delay:5m}")
    void purgeDue() {
        try {
            int total = 0;
            int purged;
            do {
                var result = tenancy.purgeDeletedProjects().handle(PURGE, BATCH);
                if (!result.isOk()) {
                    LOG.warn("Project purge failed: {}; retrying at the next run", result.failure().message());
                    return;
                }
                purged = result.value();
                total += purged;
            } while (purged == BATCH);
            if (total > 0) {
                LOG.info("Purged {} projects deleted more than 30 days ago", total);
            }
        } catch (RuntimeException e) {
            // A scheduled job that throws is not rescheduled by some executors: log and go on.
            LOG.warn("Project purge run failed; retrying at the next run", e);
        }
    }
}
