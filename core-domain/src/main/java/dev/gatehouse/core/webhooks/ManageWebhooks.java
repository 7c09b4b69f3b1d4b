package dev.gatehouse.core.webhooks;

import dev.gatehouse.core.shared.Text;

import dev.gatehouse.core.entitlements.Entitlements;
import dev.gatehouse.core.entitlements.Feature;
import dev.gatehouse.core.events.Announcer;
import dev.gatehouse.core.events.WebhookEvent;
import dev.gatehouse.core.events.DomainEvent;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.DeliveryId;
import dev.gatehouse.core.shared.EventId;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.IdGenerator;
import dev.gatehouse.core.shared.Transactions;
import dev.gatehouse.core.shared.ListQuery;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Page;
import dev.gatehouse.core.shared.PageRequest;
import dev.gatehouse.core.shared.Reason;
import dev.gatehouse.core.shared.Result;
import dev.gatehouse.core.shared.WebhookId;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The webhook use cases: endpoints (create with the secret shown once, list, get, update, delete,
 * rotate the secret with a grace period), the deliveries log, manual retry, test event and replay.
 * Endpoints belong to an organization: {@code webhooks:read|write|delete} on it (or on an API key's
 * environment); invisible → 404. Each mutation: store + audit + domain event in one transaction.
 */
public record ManageWebhooks(WebhookEndpoints endpoints, WebhookDeliveries deliveries, WebhookAccess access,
                             WebhookSecrets secrets, UrlGuard guard, Entitlements entitlements, Announcer announcer,
                             Transactions tx, Clock clock, IdGenerator ids, WebhookDispatcher dispatcher) {
    private static final Pattern FILTER = Pattern.compile("\\*|[a-z][a-z_]*(\\.[a-z][a-z_]*)*(\\.\\*)?");
    public static final int DEFAULT_GRACE_HOURS = 24;
    public static final int MAX_GRACE_HOURS = 168;
    /** At most this many events are queued by one replay. */
    public static final int MAX_REPLAY = 10_000;

    public record Create(Caller caller, OrganizationId organization, String url, List<String> events, String description,
                         Boolean active, String secret) {
    }

    /** Null fields stay as they are. */
    public record Update(Caller caller, WebhookId id, String url, List<String> events, String description, Boolean active) {
    }

    /** An endpoint with its secret: the create and rotate responses, the only times it is shown. */
    public record WithSecret(WebhookEndpoint endpoint, String secret) {
    }

    private Map<String, List<String>> validate(String url, List<String> events, String description, boolean creating) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        if (creating || url != null) {
            guard.shapeProblem(url).ifPresentOrElse(p -> errors.put("url", List.of(p)), () -> {
                UrlGuard.Checked c = guard.check(url);
                if (!c.ok()) {
                    errors.put("url", List.of(c.problem()));
                }
            });
        }
        if (creating || events != null) {
            if (events == null || events.isEmpty()) {
                errors.put("events", List.of("must name at least one event type, a prefix like project.* or *"));
            } else if (events.size() > WebhookEndpoint.MAX_EVENTS) {
                errors.put("events", List.of("at most " + WebhookEndpoint.MAX_EVENTS + " filters"));
            } else {
                List<String> bad = events.stream().filter(e -> e == null || !FILTER.matcher(e).matches())
                        .map(String::valueOf).toList();
                if (!bad.isEmpty()) {
                    errors.put("events", List.of("not an event type, prefix.* or *: " + String.join(", ", bad)));
                }
            }
        }
        if (description != null && description.length() > WebhookEndpoint.MAX_DESCRIPTION_LENGTH) {
            errors.put("description", List.of("must be at most " + WebhookEndpoint.MAX_DESCRIPTION_LENGTH + " characters"));
        } else {
            Text.multiLineProblem(description).ifPresent(p -> errors.put("description", List.of(p)));
        }
        return errors;
    }

    public Result<WithSecret> create(Create c) {
        Map<String, List<String>> errors = validate(c.url(), c.events(), c.description(), true);
        Optional<WebhookSecret> given = Optional.empty();
        if (c.secret() != null) {
            given = WebhookSecret.parse(c.secret());
            if (given.isEmpty()) {
                errors.put("secret", List.of("must be whsec_ followed by base64 of 24 to 64 bytes"));
            }
        }
        if (!errors.isEmpty()) {
            return Result.fail(Failure.invalid(errors));
        }
        WebhookSecret secret = given.orElseGet(() -> WebhookSecret.generate(ids));
        return tx.inTransaction(() -> {
            var org = access.organizationFor(c.caller(), c.organization());
            if (!org.isOk()) {
                return Result.fail(org.failure());
            }
            var denied = access.require(c.caller(), org.value(), "webhooks_write");
            if (denied.isPresent()) {
                return Result.fail(denied.get());
            }
            var slot = entitlements.consume(org.value(), Feature.WEBHOOKS, 1);
            if (slot.isPresent()) {
                return Result.fail(slot.get());
            }
            Instant now = clock.instant();
            WebhookId id = new WebhookId(ids.newId());
            WebhookEndpoint draft = new WebhookEndpoint(id, org.value(), c.url().strip(), distinct(c.events()),
                    blankToNull(c.description()), c.active() == null || c.active(), new byte[0], null, null, null, null,
                    0, 0, 0, null, now, now);
            WebhookEndpoint endpoint = draft.withSecrets(secrets.seal(secret, draft, false), null, null, now);
            endpoints.add(endpoint);
            announcer.announce(c.caller(), new WebhookEvent.Created(endpoint.facts()), "webhook", id);
            return Result.ok(new WithSecret(endpoint, secret.reveal()));
        });
    }

    public Result<Page<WebhookEndpoint>> list(Caller caller, OrganizationId organization, ListQuery query) {
        if (query.status() != null && !List.of("active", "disabled").contains(query.status())) {
            return Result.fail(Failure.invalid("status", "must be active or disabled"));
        }
        return tx.readOnly(() -> {
            var org = access.organizationFor(caller, organization);
            if (!org.isOk()) {
                return Result.fail(org.failure());
            }
            var denied = access.require(caller, org.value(), "webhooks_read");
            if (denied.isPresent()) {
                return Result.fail(denied.get());
            }
            return Result.ok(endpoints.list(org.value(), query));
        });
    }

    /** The endpoint if the caller may do {@code permission} on it; 404 for invisible ones. */
    private Result<WebhookEndpoint> visible(Caller caller, WebhookId id, String permission, boolean lock) {
        var found = lock ? endpoints.lockById(id) : endpoints.byId(id);
        if (found.isEmpty()) {
            return Result.fail(Failure.notFound("Webhook"));
        }
        var denied = access.require(caller, found.get().organizationId(), permission);
        return denied.<Result<WebhookEndpoint>>map(Result::fail).orElseGet(() -> Result.ok(found.get()));
    }

    public Result<WebhookEndpoint> get(Caller caller, WebhookId id) {
        return tx.readOnly(() -> visible(caller, id, "webhooks_read", false));
    }

    public Result<WebhookEndpoint> update(Update u) {
        Map<String, List<String>> errors = validate(u.url(), u.events(), u.description(), false);
        if (!errors.isEmpty()) {
            return Result.fail(Failure.invalid(errors));
        }
        return tx.inTransaction(() -> {
            var found = visible(u.caller(), u.id(), "webhooks_write", true);
            if (!found.isOk()) {
                return found;
            }
            WebhookEndpoint e = found.value();
            boolean reenable = u.active() != null && u.active() && !e.active();
            boolean active = u.active() == null ? e.active() : u.active();
            WebhookEndpoint after = e.withSettings(u.url() == null ? e.url() : u.url().strip(),
                    u.events() == null ? e.events() : distinct(u.events()),
                    u.description() == null ? e.description() : blankToNull(u.description()), active,
                    reenable ? null : e.disabledReason(), reenable ? null : e.failingSince(),
                    reenable ? 0 : e.consecutiveFailures(), clock.instant());
            endpoints.update(after);
            announcer.announce(u.caller(), new WebhookEvent.Updated(after.facts()), "webhook", e.id());
            return Result.ok(after);
        });
    }

    public Result<Void> delete(Caller caller, WebhookId id) {
        return tx.inTransaction(() -> {
            var found = visible(caller, id, "webhooks_delete", true);
            if (!found.isOk()) {
                return Result.fail(found.failure());
            }
            WebhookEndpoint e = found.value();
            endpoints.remove(id);
            entitlements.release(e.organizationId(), Feature.WEBHOOKS, 1);
            announcer.announce(caller, new WebhookEvent.Deleted(e.facts()), "webhook", id);
            return Result.ok(null);
        });
    }

    /**
     * A new secret (generated, or {@code secret} when given); the previous one keeps signing too for
     * {@code graceHours} (default 24, 0 = stop at once, at most 168).
     */
    public Result<WithSecret> rotateSecret(Caller caller, WebhookId id, Integer graceHours, String secretText) {
        int hours = graceHours == null ? DEFAULT_GRACE_HOURS : graceHours;
        if (hours < 0 || hours > MAX_GRACE_HOURS) {
            return Result.fail(Failure.invalid("grace_period_hours", "must be between 0 and " + MAX_GRACE_HOURS));
        }
        Optional<WebhookSecret> given = Optional.empty();
        if (secretText != null) {
            given = WebhookSecret.parse(secretText);
            if (given.isEmpty()) {
                return Result.fail(Failure.invalid("secret", "must be whsec_ followed by base64 of 24 to 64 bytes"));
            }
        }
        WebhookSecret secret = given.orElseGet(() -> WebhookSecret.generate(ids));
        return tx.inTransaction(() -> {
            var found = visible(caller, id, "webhooks_write", true);
            if (!found.isOk()) {
                return Result.fail(found.failure());
            }
            WebhookEndpoint e = found.value();
            Instant now = clock.instant();
            byte[] previous = null;
            Instant until = null;
            if (hours > 0) {
                var old = secrets.open(e.sealedSecret(), e, false);
                if (old.isPresent()) {
                    previous = secrets.seal(old.get(), e, true);
                    until = now.plus(Duration.ofHours(hours));
                }
            }
            WebhookEndpoint after = e.withSecrets(secrets.seal(secret, e, false), previous, until, now);
            endpoints.update(after);
            announcer.announce(caller, new WebhookEvent.SecretRotated(after.facts(), until), "webhook", id);
            return Result.ok(new WithSecret(after, secret.reveal()));
        });
    }

    public Result<Page<WebhookDelivery>> deliveries(Caller caller, WebhookId id, String status, PageRequest page) {
        DeliveryStatus filter = null;
        if (status != null && !status.isBlank()) {
            var parsed = DeliveryStatus.parse(status.strip());
            if (parsed.isEmpty()) {
                return Result.fail(Failure.invalid("status", "must be pending, success, failed or retrying"));
            }
            filter = parsed.get();
        }
        DeliveryStatus f = filter;
        return tx.readOnly(() -> {
            var found = visible(caller, id, "webhooks_read", false);
            if (!found.isOk()) {
                return Result.fail(found.failure());
            }
            return Result.ok(deliveries.list(id, f, page));
        });
    }

    /** Queues a delivery again, due now (400 {@code cannot_retry} when it already succeeded). */
    public Result<WebhookDelivery> retry(Caller caller, WebhookId id, DeliveryId deliveryId) {
        Result<WebhookDelivery> out = tx.inTransaction(() -> {
            var found = visible(caller, id, "webhooks_write", false);
            if (!found.isOk()) {
                return Result.fail(found.failure());
            }
            var d = deliveries.byId(deliveryId).filter(x -> x.endpointId().equals(id));
            if (d.isEmpty()) {
                return Result.fail(Failure.notFound("Delivery"));
            }
            if (d.get().status() == DeliveryStatus.SUCCESS) {
                return Result.fail(cannotRetry("The delivery already succeeded."));
            }
            if (d.get().status().due() && d.get().leaseUntil() == null && d.get().status() == DeliveryStatus.PENDING) {
                return Result.ok(d.get()); // already queued
            }
            WebhookDelivery queued = d.get().requeued(clock.instant());
            deliveries.update(queued);
            deliveries.announce();
            announcer.auditor().record(caller, "webhook.delivery_retried", "webhook", id, found.value().organizationId(),
                    Map.of("delivery_id", deliveryId.text(), "event_id", queued.eventId().text()));
            return Result.ok(queued);
        });
        if (out.isOk()) {
            dispatcher.wake();
        }
        return out;
    }

    static Failure cannotRetry(String message) {
        return Failure.of(Reason.INVALID_STATE, message).withDetail("error", "cannot_retry");
    }

    /** Sends a {@code webhook.test} event to the endpoint now and returns the attempt (recorded, never retried). */
    public Result<WebhookDelivery> test(Caller caller, WebhookId id) {
        var found = tx.readOnly(() -> visible(caller, id, "webhooks_write", false));
        if (!found.isOk()) {
            return Result.fail(found.failure());
        }
        WebhookEndpoint e = found.value();
        Instant now = clock.instant();
        EventId eventId = new EventId(ids.newId());
        var event = new WebhookEvent.Test(e.id(), WebhookEvent.Test.MESSAGE);
        String payload = Payloads.of(event.type(), now, event.data());
        WebhookDelivery pending = WebhookDelivery.pending(new DeliveryId(ids.newId()), e.id(), e.organizationId(), eventId,
                event.type(), payload, now);
        WebhookSender.Response r = dispatcher.send(e, pending.messageId(), payload);
        String error = r.error() != null ? r.error() : r.success() ? null
                : r.status() >= 300 && r.status() < 400 ? "redirect (" + r.status() + ") not followed" : "HTTP " + r.status();
        WebhookDelivery done = pending.attempted(r.success() ? DeliveryStatus.SUCCESS : DeliveryStatus.FAILED, null,
                r.status() == 0 ? null : r.status(), r.durationMs(), r.excerpt(), error, clock.instant());
        tx.inTransaction(() -> {
            deliveries.add(done);
            announcer.auditor().record(caller, "webhook.tested", "webhook", e.id(), e.organizationId(),
                    Map.of("delivery_id", done.id().text(), "success", r.success()));
            return null;
        });
        return Result.ok(done);
    }

    /** Queues again, for this endpoint, every event of its organization since {@code since} that it subscribes to. */
    public Result<Integer> replay(Caller caller, WebhookId id, Instant since) {
        if (since == null) {
            return Result.fail(Failure.invalid("since", "is required (ISO-8601 timestamp)"));
        }
        if (since.isAfter(clock.instant())) {
            return Result.fail(Failure.invalid("since", "must not be in the future"));
        }
        Result<Integer> out = tx.inTransaction(() -> {
            var found = visible(caller, id, "webhooks_write", false);
            if (!found.isOk()) {
                return Result.fail(found.failure());
            }
            WebhookEndpoint e = found.value();
            Instant now = clock.instant();
            int queued = 0;
            for (DomainEvent ev : deliveries.eventsOf(e.organizationId(), since, MAX_REPLAY)) {
                if (e.subscribesTo(ev.type())) {
                    deliveries.add(WebhookDelivery.pending(new DeliveryId(ids.newId()), e.id(), e.organizationId(),
                            ev.id(), ev.type(), Payloads.of(ev), now));
                    queued++;
                }
            }
            deliveries.announce();
            announcer.auditor().record(caller, "webhook.replayed", "webhook", id, e.organizationId(),
                    Map.of("since", since.toString(), "queued", queued));
            return Result.ok(queued);
        });
        if (out.isOk()) {
            dispatcher.wake();
        }
        return out;
    }

    private static List<String> distinct(List<String> events) {
        return new ArrayList<>(new LinkedHashSet<>(events));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
