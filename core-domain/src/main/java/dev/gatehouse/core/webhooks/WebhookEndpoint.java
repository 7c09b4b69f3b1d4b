package dev.gatehouse.core.webhooks;

import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.WebhookId;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A subscriber's endpoint in an organization: where events go ({@code url}), which ones
 * ({@code events}: exact types, prefix wildcards {@code project.*}, or {@code *}), and the signing
 * secret, sealed at rest ({@code sealedSecret}, bound to the endpoint id). During a rotation's grace
 * period the previous secret ({@code sealedPreviousSecret}) signs too, until {@code previousSecretUntil}.
 * {@code failingSince} is when the current run of failed attempts began (null while healthy).
 */
public record WebhookEndpoint(WebhookId id, OrganizationId organizationId, String url, List<String> events,
                              String description, boolean active, byte[] sealedSecret, byte[] sealedPreviousSecret,
                              Instant previousSecretUntil, String disabledReason, Instant failingSince,
                              long successCount, long failureCount, int consecutiveFailures, Instant lastDeliveryAt,
                              Instant createdAt, Instant updatedAt) {
    public static final int MAX_URL_LENGTH = 2048;
    public static final int MAX_DESCRIPTION_LENGTH = 1000;
    public static final int MAX_EVENTS = 100;

    public WebhookEndpoint {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(sealedSecret, "sealedSecret");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        events = List.copyOf(events);
    }

    /** Whether an event of {@code type} goes to this endpoint: an exact filter, a {@code prefix.*} or {@code *}. */
    public boolean subscribesTo(String type) {
        for (String f : events) {
            if (f.equals("*") || f.equals(type)) {
                return true;
            }
            if (f.endsWith(".*") && type.startsWith(f.substring(0, f.length() - 1))) {
                return true;
            }
        }
        return false;
    }

    public WebhookEndpoint withSettings(String url, List<String> events, String description, boolean active,
                                        String disabledReason, Instant failingSince, int consecutiveFailures, Instant at) {
        return new WebhookEndpoint(id, organizationId, url, events, description, active, sealedSecret, sealedPreviousSecret,
                previousSecretUntil, disabledReason, failingSince, successCount, failureCount, consecutiveFailures,
                lastDeliveryAt, createdAt, at);
    }

    public WebhookEndpoint withSecrets(byte[] sealed, byte[] sealedPrevious, Instant previousUntil, Instant at) {
        return new WebhookEndpoint(id, organizationId, url, events, description, active, sealed, sealedPrevious, previousUntil,
                disabledReason, failingSince, successCount, failureCount, consecutiveFailures, lastDeliveryAt, createdAt, at);
    }

    /** After an attempt: counters, the failing run, and (when disabled) why. */
    public WebhookEndpoint afterAttempt(boolean success, Instant at, boolean disable, String reason) {
        return new WebhookEndpoint(id, organizationId, url, events, description, active && !disable, sealedSecret,
                sealedPreviousSecret, previousSecretUntil, disable ? reason : disabledReason,
                success ? null : (failingSince == null ? at : failingSince),
                successCount + (success ? 1 : 0), failureCount + (success ? 0 : 1),
                success ? 0 : consecutiveFailures + 1, at, createdAt, at);
    }

    @Override
    public String toString() {
        return "WebhookEndpoint[" + id + ", " + url + "]"; // never the sealed secrets
    }

    /** What every event about the endpoint carries (never a secret). */
    public dev.gatehouse.core.events.WebhookEvent.Endpoint facts() {
        return new dev.gatehouse.core.events.WebhookEvent.Endpoint(id, organizationId, url, events, active);
    }
}
