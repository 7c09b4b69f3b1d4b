package dev.gatehouse.core.events;

import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.WebhookId;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** Webhook endpoints: {@code webhook.*}, each with the endpoint's public settings (never its secret). */
public sealed interface WebhookEvent extends Event {
    /** What every endpoint event carries about the endpoint. */
    record Endpoint(WebhookId webhookId, OrganizationId organizationId, String url, List<String> events, boolean isActive) {
        public Endpoint {
            Objects.requireNonNull(webhookId, "webhookId");
            Objects.requireNonNull(organizationId, "organizationId");
            events = List.copyOf(events);
        }

        static Endpoint example(List<String> events) {
            return new Endpoint(Examples.WHK, Examples.ORG, "https://example.com/hooks", events, true);
        }
    }

    @EventSpec(type = "webhook.created", description = "A webhook endpoint was created (never the secret)")
    record Created(Endpoint endpoint) implements WebhookEvent {
        public OrganizationId organizationId() {
            return endpoint.organizationId();
        }
    }

    @EventSpec(type = "webhook.updated", description = "A webhook endpoint's URL, filters, description or state changed")
    record Updated(Endpoint endpoint) implements WebhookEvent {
        public OrganizationId organizationId() {
            return endpoint.organizationId();
        }
    }

    @EventSpec(type = "webhook.deleted", description = "A webhook endpoint was deleted")
    record Deleted(Endpoint endpoint) implements WebhookEvent {
        public OrganizationId organizationId() {
            return endpoint.organizationId();
        }
    }

    @EventSpec(type = "webhook.secret_rotated", description = "A webhook endpoint's signing secret was rotated "
            + "(previous_secret_expires_at: until when the previous one also signs; null when it stopped at once)")
    record SecretRotated(Endpoint endpoint, @EventSpec.KeepNull Instant previousSecretExpiresAt) implements WebhookEvent {
        public OrganizationId organizationId() {
            return endpoint.organizationId();
        }
    }

    @EventSpec(type = "webhook.endpoint_disabled", description = "A webhook endpoint was disabled (410 Gone, failing for 5 days, "
            + "or its organization deleted)")
    record EndpointDisabled(Endpoint endpoint, String reason) implements WebhookEvent {
        public OrganizationId organizationId() {
            return endpoint.organizationId();
        }
    }

    /** Sent to one endpoint by {@code POST /api/v1/webhooks/{id}/test}; never through the outbox, so it has no organization. */
    @EventSpec(type = "webhook.test", description = "Sent by POST /api/v1/webhooks/{id}/test only (never fanned out)")
    record Test(WebhookId webhookId, String message) implements WebhookEvent {
        public static final String MESSAGE = "This is a test event from Gatehouse.";

        public OrganizationId organizationId() {
            return null;
        }
    }
}
