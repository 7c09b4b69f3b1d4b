package dev.gatehouse.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.gatehouse.core.webhooks.EventTypes;
import dev.gatehouse.core.webhooks.WebhookDelivery;
import dev.gatehouse.core.webhooks.WebhookEndpoint;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.gatehouse.http.Dtos.time;

/** The wire records of webhooks. The secret appears in the create and rotate-secret responses only. */
final class WebhookDtos {
    private WebhookDtos() {
    }

    @Dto
    @Schema(name = "Webhook")
    record WebhookView(String id, String organizationId, String url,
                       @Schema(description = "Exact event types, prefix wildcards like project.*, or *") List<String> events,
                       @Schema(types = {"string", "null"}) String description,
                       boolean isActive,
                       @Schema(types = {"string", "null"}, description = "Why Gatehouse disabled it (410 Gone, failing for 5 days)")
                       String disabledReason,
                       long successCount, long failureCount, int consecutiveFailures,
                       @Schema(types = {"string", "null"}, format = "date-time") String lastDeliveryAt,
                       @Schema(types = {"string", "null"}, format = "date-time", description = "Since when every attempt failed (null while healthy)") String failingSince,
                       @Schema(types = {"string", "null"}, format = "date-time", description = "Until then deliveries are also signed with the previous secret")
                       String previousSecretExpiresAt,
                       @Schema(format = "date-time") String createdAt, @Schema(format = "date-time") String updatedAt,
                       @JsonInclude(JsonInclude.Include.NON_NULL) @ShownOnce
                       @Schema(description = "whsec_…: in the create and rotate-secret responses only, never again")
                       String secret) {
        static WebhookView of(WebhookEndpoint e, Instant now, String secret) {
            Instant previous = e.previousSecretUntil() != null && now.isBefore(e.previousSecretUntil()) ? e.previousSecretUntil() : null;
            return new WebhookView(e.id().text(), e.organizationId().text(), e.url(), e.events(), e.description(), e.active(),
                    e.disabledReason(), e.successCount(), e.failureCount(), e.consecutiveFailures(), time(e.lastDeliveryAt()),
                    time(e.failingSince()), time(previous), time(e.createdAt()), time(e.updatedAt()), secret);
        }
    }

    @Dto
    @Schema(name = "WebhookResponse")
    record WebhookData(@JsonInclude(JsonInclude.Include.NON_NULL) @Schema(types = {"string", "null"}) String message, WebhookView data) {
        WebhookData(WebhookView data) {
            this(null, data);
        }
    }

    @Dto
    @Schema(name = "WebhookList")
    record WebhookList(List<WebhookView> data, Dtos.ListMeta meta, Dtos.ListLinks links) {
    }

    @Dto
    @Schema(name = "CreateWebhookRequest")
    record CreateWebhookRequest(@Schema(description = "Required for a user session; implied for an API key") String organizationId,
                                @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "https (http only where configured)")
                                String url,
                                @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
                                        description = "Exact event types, prefix wildcards like project.*, or *") List<String> events,
                                @Schema(maxLength = 1000) String description,
                                @Schema(description = "Default true") Boolean isActive,
                                @Schema(description = "whsec_ + base64 of 24 to 64 bytes; generated when absent") String secret) {
    }

    @Dto
    @Schema(name = "UpdateWebhookRequest")
    record UpdateWebhookRequest(@Schema(description = "https (http only where configured)") String url,
                                @Schema(description = "Replaces the event filters") List<String> events,
                                @Schema(maxLength = 1000) String description,
                                @Schema(description = "true re-enables a disabled endpoint and clears its failing state")
                                Boolean isActive) {
    }

    @Dto
    @Schema(name = "RotateWebhookSecretRequest")
    record RotateSecretRequest(@Schema(description = "How long the previous secret keeps signing too: 0 to 168; default 24",
                                       minimum = "0", maximum = "168") Integer gracePeriodHours,
                               @Schema(description = "The new secret; generated when absent") String secret) {
    }

    @Dto
    @Schema(name = "WebhookDelivery")
    record DeliveryView(String id, String webhookId, String eventId, String eventType,
                        @Schema(implementation = WireEnums.DeliveryStatus.class) String status,
                        @Schema(description = "Attempts made so far") int attempts,
                        @Schema(description = "The same as attempts (the seed profile's name, ADR 32)") int attempt,
                        @Schema(types = {"integer", "null"}, description = "The last attempt's HTTP status") Integer responseCode,
                        @Schema(types = {"integer", "null"}, description = "The last attempt's duration") Long durationMs,
                        @Schema(types = {"string", "null"}, description = "The last response body, at most 4 KiB") String responseBody,
                        @Schema(types = {"string", "null"}) String error,
                        @Schema(types = {"string", "null"}, format = "date-time") String nextRetryAt,
                        @Schema(types = {"string", "null"}, format = "date-time") String deliveredAt,
                        @Schema(format = "date-time") String createdAt, @Schema(format = "date-time") String updatedAt) {
        static DeliveryView of(WebhookDelivery d) {
            return new DeliveryView(d.id().text(), d.endpointId().text(), d.eventId().text(), d.eventType(), d.status().wire(),
                    d.attempts(), d.attempts(), d.responseCode(), d.durationMs(), d.responseExcerpt(), d.error(),
                    d.status().due() ? time(d.nextAttemptAt()) : null, time(d.deliveredAt()), time(d.createdAt()),
                    time(d.updatedAt()));
        }
    }

    @Dto
    @Schema(name = "WebhookDeliveryResponse")
    record DeliveryData(@JsonInclude(JsonInclude.Include.NON_NULL) @Schema(types = {"string", "null"}) String message, DeliveryView data) {
        DeliveryData(DeliveryView data) {
            this(null, data);
        }
    }

    @Dto
    @Schema(name = "WebhookDeliveryList")
    record DeliveryList(List<DeliveryView> data, Dtos.ListMeta meta, Dtos.ListLinks links) {
    }

    @Dto
    @Schema(name = "WebhookTestResult")
    record TestView(boolean success, @Schema(types = {"integer", "null"}) Integer statusCode, long responseTimeMs,
                    @Schema(types = {"string", "null"}) String responseBody, @Schema(types = {"string", "null"}) String error, String deliveryId) {
        static TestView of(WebhookDelivery d) {
            return new TestView(d.status() == dev.gatehouse.core.webhooks.DeliveryStatus.SUCCESS, d.responseCode(),
                    d.durationMs() == null ? 0 : d.durationMs(), d.responseExcerpt(), d.error(), d.id().text());
        }
    }

    @Dto
    @Schema(name = "WebhookTestResponse")
    record TestData(@com.fasterxml.jackson.annotation.JsonUnwrapped @Schema(hidden = true) TestView result, TestView data) {
        /** The outcome at the top level (seed 001) and in {@code data} (the envelope): ADR 32. */
        TestData(TestView data) {
            this(data, data);
        }
    }

    @Dto
    @Schema(name = "ReplayWebhookRequest")
    record ReplayRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, format = "date-time") String since) {
    }

    @Dto
    @Schema(name = "WebhookReplay")
    record ReplayView(int queued, @Schema(format = "date-time") String since) {
    }

    @Dto
    @Schema(name = "WebhookReplayResponse")
    record ReplayData(ReplayView data) {
    }

    @Dto
    @Schema(name = "EventType")
    record EventTypeView(String type, String description,
                         @Schema(description = "An example body as delivered: {type, timestamp, data}") Map<String, Object> example) {
        static EventTypeView of(EventTypes.EventType t) {
            Map<String, Object> body = new java.util.LinkedHashMap<>();
            body.put("type", t.type());
            body.put("timestamp", "2026-01-15T10:30:00Z");
            body.put("data", t.example());
            return new EventTypeView(t.type(), t.description(), body);
        }
    }

    @Dto
    @Schema(name = "EventTypeList")
    record EventTypeList(List<EventTypeView> data, Dtos.ListMeta meta, Dtos.ListLinks links) {
    }
}
