package dev.gatehouse.core.webhooks;

import dev.gatehouse.core.shared.DeliveryId;
import dev.gatehouse.core.shared.EventId;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.WebhookId;

import java.time.Instant;
import java.util.Objects;

/**
 * One event for one endpoint. {@code messageId} is the {@code webhook-id} header (the event id, the
 * same on every attempt, so receivers can deduplicate); {@code payload} is the exact body sent. The
 * {@code last*} fields describe the latest attempt; {@code nextAttemptAt} is when the dispatcher may
 * take it (null once final). {@code leaseUntil}: a dispatcher claimed it and is attempting it; another
 * one may take it after that instant (the claimer died).
 */
public record WebhookDelivery(DeliveryId id, WebhookId endpointId, OrganizationId organizationId, EventId eventId,
                              String eventType, String messageId, String payload, DeliveryStatus status, int attempts,
                              Instant nextAttemptAt, Instant leaseUntil, Integer responseCode, Long durationMs,
                              String responseExcerpt, String error, Instant deliveredAt, Instant createdAt,
                              Instant updatedAt) {
    /** The longest response body excerpt kept: 4 KiB. */
    public static final int MAX_EXCERPT_BYTES = 4096;

    public WebhookDelivery {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(endpointId, "endpointId");
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    public static WebhookDelivery pending(DeliveryId id, WebhookId endpoint, OrganizationId org, EventId event, String type,
                                          String payload, Instant now) {
        return new WebhookDelivery(id, endpoint, org, event, type, event.text(), payload, DeliveryStatus.PENDING, 0, now, null,
                null, null, null, null, null, now, now);
    }

    /** The outcome of an attempt. */
    public WebhookDelivery attempted(DeliveryStatus next, Instant nextAttempt, Integer code, long durationMs, String excerpt,
                                     String error, Instant at) {
        return new WebhookDelivery(id, endpointId, organizationId, eventId, eventType, messageId, payload, next, attempts + 1,
                nextAttempt, null, code, durationMs, excerpt, error, next == DeliveryStatus.SUCCESS ? at : deliveredAt,
                createdAt, at);
    }

    /** Queued again (manual retry): due now. */
    public WebhookDelivery requeued(Instant at) {
        return new WebhookDelivery(id, endpointId, organizationId, eventId, eventType, messageId, payload, DeliveryStatus.PENDING,
                attempts, at, null, responseCode, durationMs, responseExcerpt, error, deliveredAt, createdAt, at);
    }

    public WebhookDelivery leased(Instant until) {
        return new WebhookDelivery(id, endpointId, organizationId, eventId, eventType, messageId, payload, status, attempts,
                nextAttemptAt, until, responseCode, durationMs, responseExcerpt, error, deliveredAt, createdAt, updatedAt);
    }

    public WebhookDelivery withAttempts(int count) {
        return new WebhookDelivery(id, endpointId, organizationId, eventId, eventType, messageId, payload, status, count,
                nextAttemptAt, leaseUntil, responseCode, durationMs, responseExcerpt, error, deliveredAt, createdAt, updatedAt);
    }
}
