package dev.gatehouse.bootstrap;

import dev.gatehouse.core.approvals.ApprovalUseCases;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every minute ({@code gatehouse.access-requests.expiry-interval}): pending access requests past
 * their TTL become expired ({@code access_request.expired}) and grants that ended by themselves get
 * {@code access_grant.expired} recorded, once each (row lock; whichever instance gets there first).
 * Access itself already ended at the relationship's expiration; this job only records it.
 */
@Singleton
class AccessRequestJobs {
    private static final Logger LOG = LoggerFactory.getLogger(AccessRequestJobs.class);
    static final int BATCH = 100;

    private final ApprovalUseCases approvals;

    AccessRequestJobs(ApprovalUseCases approvals) {
        this.approvals = approvals;
    }

    @Scheduled(fixedDelay = "${gatehouse.access-requests.expiry-interval:1m}",
            initialDelay = "${gatehouse.access-requests.expiry-initial-delay:25s}")
    void settle() {
        try {
            int total = 0;
            int run;
            do {
                run = approvals.settle().run(BATCH);
                total += run;
            } while (run == BATCH);
            if (total > 0) {
                LOG.info("Access requests: {} expired or grant expiries recorded", total);
            }
        } catch (RuntimeException e) {
            LOG.warn("Access request expiry run failed; retrying at the next run", e);
        }
    }
}
