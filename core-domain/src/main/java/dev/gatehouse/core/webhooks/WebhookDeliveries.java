package dev.gatehouse.core.webhooks;

import dev.gatehouse.core.events.DomainEvent;
import dev.gatehouse.core.shared.DeliveryId;
import dev.gatehouse.core.shared.EventId;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Page;
import dev.gatehouse.core.shared.PageRequest;
import dev.gatehouse.core.shared.WebhookId;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Webhook deliveries and the fan-out bookkeeping over the event outbox. Writes join the caller's
 * transaction. Several dispatchers may share one store: {@link #claimEvents} and {@link #claimDue}
 * hand each event / delivery to one of them (PostgreSQL {@code FOR UPDATE SKIP LOCKED}).
 */
public interface WebhookDeliveries {
    void add(WebhookDelivery delivery);

    void update(WebhookDelivery delivery);

    /** Adds many (a fan-out batch): one round trip where the store can. */
    default void addAll(List<WebhookDelivery> added) {
        added.forEach(this::add);
    }

    /** Replaces many (a batch of attempts' outcomes): one round trip where the store can. */
    default void updateAll(List<WebhookDelivery> updated) {
        updated.forEach(this::update);
    }

    Optional<WebhookDelivery> byId(DeliveryId id);

    /** An endpoint's deliveries, newest first, optionally of one status. */
    Page<WebhookDelivery> list(WebhookId endpoint, DeliveryStatus status, PageRequest page);

    /**
     * Up to {@code limit} due deliveries ({@code pending}/{@code retrying}, {@code nextAttemptAt <= now},
     * no live lease), oldest due first, each leased until {@code leaseUntil}; commits on its own.
     */
    List<WebhookDelivery> claimDue(Instant now, Instant leaseUntil, int limit);

    /**
     * Inside a transaction: up to {@code limit} outbox events not yet fanned out, in id order, locked
     * against other dispatchers until the transaction ends.
     */
    List<DomainEvent> claimEvents(int limit);

    /** Inside the claiming transaction: these events are fanned out. */
    void markFannedOut(Collection<EventId> events);

    /** An organization's events that occurred at or after {@code since}, oldest first (replay). */
    List<DomainEvent> eventsOf(OrganizationId organization, Instant since, int limit);

    /** Tells dispatchers (of every instance) that work is due now; after the transaction commits. */
    default void announce() {
    }

    /**
     * Runs {@code wake} whenever any instance announces work (or an event is appended, where the store
     * can tell); the dispatcher registers itself when it starts. Default: nothing (the dispatcher polls).
     */
    default void onAnnounce(Runnable wake) {
    }
}
