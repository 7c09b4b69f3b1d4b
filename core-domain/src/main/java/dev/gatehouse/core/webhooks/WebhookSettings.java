package dev.gatehouse.core.webhooks;

import java.time.Duration;

/**
 * The dispatcher's knobs.
 *
 * @param concurrency  requests in flight at once per dispatcher (32 by default)
 * @param timeout      per request (15 s)
 * @param lease        how long a claimed delivery is reserved for its dispatcher (must exceed the timeout)
 * @param disableAfter an endpoint failing without a success for this long is disabled (5 days)
 * @param batch        deliveries claimed at once
 */
public record WebhookSettings(int concurrency, Duration timeout, Duration lease, Duration disableAfter, int batch) {
    public static WebhookSettings defaults() {
        return new WebhookSettings(32, Duration.ofSeconds(15), Duration.ofSeconds(60), Duration.ofDays(5), 128);
    }
}
