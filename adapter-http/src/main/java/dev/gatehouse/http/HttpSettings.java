package dev.gatehouse.http;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.convert.format.ReadableBytes;
import jakarta.inject.Singleton;

import java.time.Duration;

/** The adapter's configuration, all under {@code gatehouse.http.*} (listed in the module README). */
@Singleton
final class HttpSettings {
    private final Duration sessionTtl;
    private final boolean trustForwardedFor;
    private final Duration readinessTimeout;
    private final long maxRequestSize;
    private final Duration idempotencyWait;

    HttpSettings(@Value("${gatehouse.http.session-ttl:12h}") Duration sessionTtl,
                 @Value("${gatehouse.http.trust-forwarded-for:false}") boolean trustForwardedFor,
                 @Value("${gatehouse.http.readiness-timeout:2s}") Duration readinessTimeout,
                 @Value("${gatehouse.http.max-request-size:1MB}") @ReadableBytes long maxRequestSize,
                 @Value("${gatehouse.http.idempotency-wait:10s}") Duration idempotencyWait) {
        this.sessionTtl = sessionTtl;
        this.trustForwardedFor = trustForwardedFor;
        this.readinessTimeout = readinessTimeout;
        this.maxRequestSize = maxRequestSize;
        this.idempotencyWait = idempotencyWait;
    }

    Duration sessionTtl() {
        return sessionTtl;
    }

    boolean trustForwardedFor() {
        return trustForwardedFor;
    }

    Duration readinessTimeout() {
        return readinessTimeout;
    }

    long maxRequestSize() {
        return maxRequestSize;
    }

    Duration idempotencyWait() {
        return idempotencyWait;
    }
}
