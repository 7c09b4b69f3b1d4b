package dev.gatehouse.bootstrap;

import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.idempotency.Idempotency;
import dev.gatehouse.core.ratelimit.RateLimiter;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/**
 * The request-level platform services as beans: the {@link RateLimiter} (over the active
 * {@code RateLimitStore} of {@code PlatformStores} and the settings of {@code CoreWiring}) and
 * {@link Idempotency} (over its {@code IdempotencyRecords}), both wired inside {@link Gatehouse}. The
 * HTTP filters and the purge jobs inject these, never the facade.
 */
@Factory
class PlatformFactory {
    @Singleton
    RateLimiter rateLimiter(Gatehouse gatehouse) {
        return gatehouse.rateLimiter();
    }

    @Singleton
    Idempotency idempotency(Gatehouse gatehouse) {
        return gatehouse.idempotency();
    }
}
