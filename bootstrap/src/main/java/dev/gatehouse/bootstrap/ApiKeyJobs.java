package dev.gatehouse.bootstrap;

import dev.gatehouse.core.keys.KeyUseCases;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API keys' background work on every instance: writing the noted last uses in one batch every
 * 15 s (so {@code last_used_at} is at most that stale, never a write per request) and at shutdown;
 * and, every minute, expiring keys past their expiry or rotation grace and sending the 7-day and
 * 1-day expiry warnings (each once, whichever instance gets there first).
 */
@Singleton
class ApiKeyJobs {
    private static final Logger LOG = LoggerFactory.getLogger(ApiKeyJobs.class);
    static final int BATCH = 100;

    private final KeyUseCases keys;

    ApiKeyJobs(KeyUseCases keys) {
        this.keys = keys;
    }

    @Scheduled(fixedDelay = "${gatehouse.api-keys.last-used-flush-interval:15s}", initialDelay = "15s")
    void flushLastUsed() {
        try {
            keys.apiKeyLastUsed().flush();
        } catch (RuntimeException e) {
            LOG.warn("Writing API keys' last use failed; kept for the next run: {}", e.toString());
        }
    }

    @PreDestroy
    void flushAtShutdown() {
        flushLastUsed();
    }

    @Scheduled(fixedDelay = "${gatehouse.api-keys.lifecycle-interval:1m}", initialDelay = "${gatehouse.api-keys.lifecycle-initial-delay:20s}")
    void expireAndWarn() {
        try {
            int expired = 0;
            int warned = 0;
            dev.gatehouse.core.keys.ApiKeyLifecycle.Outcome run;
            do {
                run = keys.apiKeyLifecycle().handle(BATCH);
                expired += run.expired();
                warned += run.warned();
            } while (run.total() == BATCH);
            if (expired + warned > 0) {
                LOG.info("API keys: {} expired, {} expiry warnings sent", expired, warned);
            }
        } catch (RuntimeException e) {
            LOG.warn("API key lifecycle run failed; retrying at the next run", e);
        }
    }
}
