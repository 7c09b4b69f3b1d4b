package dev.gatehouse.core.webhooks;

import dev.gatehouse.core.audit.Auditor;
import dev.gatehouse.core.authorization.AccessControl;
import dev.gatehouse.core.authorization.ObjectRef;
import dev.gatehouse.core.entitlements.Entitlements;
import dev.gatehouse.core.events.Events;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.IdGenerator;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Principal;
import dev.gatehouse.core.shared.Result;
import dev.gatehouse.core.shared.Transactions;
import dev.gatehouse.core.shared.crypto.SecretSealer;
import dev.gatehouse.core.tenancy.Organizations;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the webhook use cases and the dispatcher share. {@code guard} is the SSRF guard;
 * {@code sender} sends one request; {@code settings} the dispatcher's knobs.
 */
public record WebhookContext(WebhookEndpoints endpoints, WebhookDeliveries deliveries, Organizations organizations,
                             AccessControl access, Auditor auditor, Events events, Transactions tx, Clock clock,
                             IdGenerator ids, SecretSealer sealer, Entitlements entitlements, UrlGuard guard,
                             WebhookSender sender, RetrySchedule schedule, Settings settings) {
    public WebhookContext {
        Objects.requireNonNull(endpoints, "endpoints");
        Objects.requireNonNull(deliveries, "deliveries");
        Objects.requireNonNull(organizations, "organizations");
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(auditor, "auditor");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(tx, "tx");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(ids, "ids");
        Objects.requireNonNull(sealer, "sealer");
        Objects.requireNonNull(entitlements, "entitlements");
        Objects.requireNonNull(guard, "guard");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(settings, "settings");
    }

    /**
     * @param concurrency  requests in flight at once per dispatcher (32 by default)
     * @param timeout      per request (15 s)
     * @param lease        how long a claimed delivery is reserved for its dispatcher (must exceed the timeout)
     * @param disableAfter an endpoint failing without a success for this long is disabled (5 days)
     * @param batch        deliveries claimed at once
     */
    public record Settings(int concurrency, Duration timeout, Duration lease, Duration disableAfter, int batch) {
        public static Settings defaults() {
            return new Settings(32, Duration.ofSeconds(15), Duration.ofSeconds(60), Duration.ofDays(5), 128);
        }
    }

    /**
     * Whether the caller may do {@code permission} on webhooks of {@code org}; 404 when not even readable.
     * Webhooks belong to the organization as a whole, so the permission is decided on the organization
     * for every principal: an environment key never reaches them (403 in its own organization).
     */
    Optional<Failure> require(Caller caller, OrganizationId org, String permission) {
        if (caller.principal() instanceof Principal.ApiKey key && !key.organizationId().equals(org)) {
            return Optional.of(Failure.notFound("Webhook"));
        }
        return access.require(caller, new ObjectRef("organization", org.text()), permission, "webhooks_read", "Webhook");
    }

    /** The organization a collection request acts in: the API key's, or the one named (required for users). */
    Result<OrganizationId> organizationFor(Caller caller, OrganizationId given) {
        OrganizationId id;
        if (caller.principal() instanceof Principal.ApiKey key) {
            if (given != null && !given.equals(key.organizationId())) {
                return Result.fail(Failure.notFound("Organization"));
            }
            id = key.organizationId();
        } else if (given == null) {
            return Result.fail(Failure.invalid("organization_id", "is required"));
        } else {
            id = given;
        }
        if (organizations.byId(id).filter(o -> !o.isDeleted()).isEmpty()) {
            return Result.fail(Failure.notFound("Organization"));
        }
        return Result.ok(id);
    }

    byte[] seal(WebhookSecret secret, WebhookEndpoint endpoint, boolean previous) {
        return sealer.seal(secret.key(), context(endpoint, previous));
    }

    Optional<WebhookSecret> open(byte[] sealed, WebhookEndpoint endpoint, boolean previous) {
        return sealed == null ? Optional.empty() : sealer.open(sealed, context(endpoint, previous)).map(WebhookSecret::ofKey);
    }

    private static String context(WebhookEndpoint e, boolean previous) {
        return e.id().text() + (previous ? "#previous" : "");
    }

    static Map<String, Object> data(WebhookEndpoint e) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("webhook_id", e.id().text());
        d.put("organization_id", e.organizationId().text());
        d.put("url", e.url());
        d.put("events", e.events());
        d.put("is_active", e.active());
        return d;
    }
}
