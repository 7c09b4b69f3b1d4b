package dev.gatehouse.http;

import dev.gatehouse.core.idempotency.Idempotency;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes idempotency records older than their 24 h retention every 10 minutes. Several instances
 * purging at once is harmless (deleting an expired record twice deletes it once). Disable with
 * {@code gatehouse.http.idempotency-purge.enabled=false} when bootstrap schedules it elsewhere.
 */
@Singleton
@Requires(property = "gatehouse.http.idempotency-purge.enabled", notEquals = "false")
final class IdempotencyPurge {
    private static final Logger LOG = LoggerFactory.getLogger(IdempotencyPurge.class);

    private final Idempotency idempotency;

    IdempotencyPurge(Idempotency idempotency) {
        this.idempotency = idempotency;
    }

    @Scheduled(fixedDelay = "10m", initialDelay = "1m")
    void purge() {
        try {
            int removed = idempotency.purgeExpired();
            if (removed > 0) {
                LOG.info("Purged {} expired idempotency records", removed);
            }
        } catch (RuntimeException e) {
            LOG.warn("Purging expired idempotency records failed; the next run retries", e);
        }
    }
}
