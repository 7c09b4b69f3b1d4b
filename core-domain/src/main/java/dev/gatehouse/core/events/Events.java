package dev.gatehouse.core.events;

import dev.gatehouse.core.shared.EventId;
import dev.gatehouse.core.shared.IdGenerator;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Appends domain events to the outbox; called inside a use case's transaction. It takes only records
 * of the sealed {@link Event} family, whose types {@link EventCatalog} lists, and writes their data
 * with {@link EventCodec}. {@link Reaction}s registered with {@link #react} act on each event in that same
 * transaction (notification mail: ADR 0035).
 */
public final class Events {
    private final EventOutbox outbox;
    private final Clock clock;
    private final IdGenerator ids;
    private final List<Reaction> reactions = new CopyOnWriteArrayList<>();

    /**
     * Acts on an event in the transaction that records it, after it was appended: what it writes commits
     * or rolls back with the change. It must not fail the change for a reason of its own (an outage of
     * something it only reads): it logs and skips instead.
     */
    @FunctionalInterface
    public interface Reaction {
        void on(Event event);
    }

    public Events(EventOutbox outbox, Clock clock, IdGenerator ids) {
        this.outbox = outbox;
        this.clock = clock;
        this.ids = ids;
    }

    public DomainEvent record(Event event) {
        DomainEvent stored = new DomainEvent(new EventId(ids.newId()), event.type(), event.organizationId(), clock.instant(),
                event.data());
        outbox.append(stored);
        reactions.forEach(r -> r.on(event));
        return stored;
    }

    /** Adds a {@link Reaction} to every event recorded from now on. */
    public void react(Reaction reaction) {
        reactions.add(java.util.Objects.requireNonNull(reaction, "reaction"));
    }
}
