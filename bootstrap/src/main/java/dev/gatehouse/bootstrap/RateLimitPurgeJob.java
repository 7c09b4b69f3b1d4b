package dev.gatehouse.bootstrap;

import dev.gatehouse.core.ratelimit.RateLimiter;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes rate-limit buckets that are full again (idle keys and users hold no state a fresh bucket
 * lacks) every 10 minutes ({@code gatehouse.rate-limits.purge-interval}). Any instance may run it:
 * deleting a full bucket twice is harmless, and a bucket used meanwhile is no longer full.
 */
@Singleton
@Requires(property = "gatehouse.rate-limits.purge-enabled", notEquals = "false")
class RateLimitPurgeJob {
    private static final Logger LOG = LoggerFactory.getLogger(RateLimitPurgeJob.class);

    private final RateLimiter limiter;

    RateLimitPurgeJob(RateLimiter limiter) {
        this.limiter = limiter;
    }

    @Scheduled(fixedDelay = "${gatehouse.rate-limits.purge-interval:10m}", initialDelay = "${gatehouse.rate-limits.purge-initial-delay:10m}")
    void purgeFull() {
        try {
            int purged = limiter.purgeFull();
            if (purged > 0) {
                LOG.debug("Forgot {} full rate-limit buckets", purged);
            }
        } catch (RuntimeException e) {
            LOG.warn("Rate-limit bucket purge failed; retrying at the next run", e);
        }
    }
}
