package dev.gatehouse.core.memory;

import dev.gatehouse.core.events.DomainEvent;
import dev.gatehouse.core.events.EventOutbox;
import dev.gatehouse.core.shared.DeliveryId;
import dev.gatehouse.core.shared.EventId;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Page;
import dev.gatehouse.core.shared.PageRequest;
import dev.gatehouse.core.shared.WebhookId;
import dev.gatehouse.core.webhooks.DeliveryStatus;
import dev.gatehouse.core.webhooks.WebhookDeliveries;
import dev.gatehouse.core.webhooks.WebhookDelivery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Deliveries in memory. Fan-out remembers which outbox events it took: a watermark below which every
 * event is fanned out, plus the ids fanned out above it. Ids within one millisecond are not ordered
 * (UUIDv7's random bits), so the watermark only passes events older than a second: a later event can
 * never land below it. {@link #announce()} calls the wake-up hook. Deliveries that may come due
 * ({@code pending}/{@code retrying}) are also indexed by their next attempt, so a claim reads the
 * due ones in order instead of walking every delivery ever made.
 */
public final class MemoryWebhookDeliveries implements WebhookDeliveries {
    private final MemoryTransactions tx;
    private final EventOutbox outbox;
    private final ConcurrentSkipListMap<java.util.UUID, WebhookDelivery> byId = new ConcurrentSkipListMap<>(MemorySort.UUID_ORDER);
    /** The due-able deliveries by next attempt, then id (changed with {@link #byId}, under the write lock). */
    private final ConcurrentSkipListMap<Due, WebhookDelivery> due = new ConcurrentSkipListMap<>();

    private record Due(Instant at, java.util.UUID id) implements Comparable<Due> {
        static Due of(WebhookDelivery d) {
            return d.status().due() && d.nextAttemptAt() != null ? new Due(d.nextAttemptAt(), d.id().value()) : null;
        }

        @Override
        public int compareTo(Due o) {
            int c = at.compareTo(o.at);
            return c != 0 ? c : MemorySort.UUID_ORDER.compare(id, o.id);
        }
    }
    private static final long SETTLED_MILLIS = 1000;
    /** The largest uuid in {@link MemorySort#UUID_ORDER} (unsigned): a bound after every id of an instant. */
    private static final java.util.UUID MAX_UUID = new java.util.UUID(-1L, -1L);
    private final java.time.Clock clock;
    private final java.util.Set<java.util.UUID> fannedAbove = new java.util.HashSet<>();
    private volatile EventId watermark;
    private volatile Runnable onAnnounce = () -> {
    };

    public MemoryWebhookDeliveries(MemoryTransactions tx, EventOutbox outbox, MemoryWebhookEndpoints endpoints,
                                   java.time.Clock clock) {
        this.tx = tx;
        this.clock = clock;
        this.outbox = outbox;
        endpoints.pair(this);
    }

    /** What {@link #announce()} runs (the dispatcher's wake-up). */
    @Override
    public void onAnnounce(Runnable hook) {
        this.onAnnounce = hook;
    }

    @Override
    public void add(WebhookDelivery d) {
        tx.write(() -> put(d), () -> put(null, d));
    }

    @Override
    public void update(WebhookDelivery d) {
        WebhookDelivery[] before = new WebhookDelivery[1];
        tx.write(() -> {
            if (byId.containsKey(d.id().value())) {
                before[0] = put(d);
            }
        }, () -> {
            if (before[0] != null) {
                put(before[0]);
            }
        });
    }

    /** Stores {@code d} (replacing the same id) in both maps; returns what it replaced. */
    private WebhookDelivery put(WebhookDelivery d) {
        WebhookDelivery before = byId.put(d.id().value(), d);
        put(d, before);
        return before;
    }

    /** Moves the due index from {@code before} to {@code after} (either may be null). */
    private void put(WebhookDelivery after, WebhookDelivery before) {
        Due old = before == null ? null : Due.of(before);
        if (old != null) {
            due.remove(old);
        }
        if (after == null && before != null) {
            byId.remove(before.id().value());
        }
        Due now = after == null ? null : Due.of(after);
        if (now != null) {
            due.put(now, after);
        }
    }

    @Override
    public Optional<WebhookDelivery> byId(DeliveryId id) {
        return tx.read(() -> Optional.ofNullable(byId.get(id.value())));
    }

    @Override
    public Page<WebhookDelivery> list(WebhookId endpoint, DeliveryStatus status, PageRequest page) {
        return tx.read(() -> MemorySort.page(byId.descendingMap().values().stream()
                .filter(d -> d.endpointId().equals(endpoint) && (status == null || d.status() == status)).toList(), page));
    }

    @Override
    public List<WebhookDelivery> claimDue(Instant now, Instant leaseUntil, int limit) {
        return tx.inTransaction(() -> {
            List<WebhookDelivery> found = new ArrayList<>();
            for (WebhookDelivery d : due.headMap(new Due(now, MAX_UUID), true).values()) {
                if (found.size() >= limit) {
                    break;
                }
                if (d.leaseUntil() == null || d.leaseUntil().isBefore(now)) {
                    found.add(d);
                }
            }
            List<WebhookDelivery> out = new ArrayList<>(found.size());
            for (WebhookDelivery d : found) {
                WebhookDelivery leased = d.leased(leaseUntil);
                update(leased);
                out.add(leased);
            }
            return out;
        });
    }

    @Override
    public List<DomainEvent> claimEvents(int limit) {
        return tx.inTransaction(() -> {
            List<DomainEvent> out = new ArrayList<>();
            EventId after = watermark;
            while (out.size() < limit) {
                List<DomainEvent> batch = outbox.after(after, 1000);
                if (batch.isEmpty()) {
                    break;
                }
                for (DomainEvent e : batch) {
                    if (!fannedAbove.contains(e.id().value()) && out.size() < limit) {
                        out.add(e);
                    }
                }
                after = batch.get(batch.size() - 1).id();
            }
            return out;
        });
    }

    @Override
    public void markFannedOut(Collection<EventId> events) {
        if (events.isEmpty()) {
            return;
        }
        List<java.util.UUID> added = events.stream().map(EventId::value).filter(fannedAbove::add).toList();
        EventId before = watermark;
        List<java.util.UUID> passed = new ArrayList<>();
        long settled = clock.millis() - SETTLED_MILLIS;
        EventId mark = watermark;
        outer:
        while (true) {
            List<DomainEvent> batch = outbox.after(mark, 1000);
            if (batch.isEmpty()) {
                break;
            }
            for (DomainEvent e : batch) {
                long millis = e.id().value().getMostSignificantBits() >>> 16;
                if (!fannedAbove.contains(e.id().value()) || millis >= settled) {
                    break outer;
                }
                passed.add(e.id().value());
                mark = e.id();
            }
        }
        EventId newMark = mark;
        tx.write(() -> {
            passed.forEach(fannedAbove::remove);
            watermark = newMark;
        }, () -> {
            watermark = before;
            fannedAbove.addAll(passed);
            added.forEach(fannedAbove::remove);
        });
    }

    @Override
    public List<DomainEvent> eventsOf(OrganizationId organization, Instant since, int limit) {
        List<DomainEvent> out = new ArrayList<>();
        EventId after = null;
        while (out.size() < limit) {
            List<DomainEvent> batch = outbox.after(after, 1000);
            if (batch.isEmpty()) {
                break;
            }
            for (DomainEvent e : batch) {
                if (organization.equals(e.organizationId()) && !e.occurredAt().isBefore(since) && out.size() < limit) {
                    out.add(e);
                }
            }
            after = batch.get(batch.size() - 1).id();
        }
        return out;
    }

    @Override
    public void announce() {
        onAnnounce.run();
    }

    void removeOf(WebhookId endpoint) {
        for (WebhookDelivery d : List.copyOf(byId.values())) {
            if (d.endpointId().equals(endpoint)) {
                tx.write(() -> put(null, d), () -> put(d));
            }
        }
    }
}
