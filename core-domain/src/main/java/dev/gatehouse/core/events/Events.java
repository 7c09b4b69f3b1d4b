package dev.gatehouse.core.events;

import dev.gatehouse.core.shared.EventId;
import dev.gatehouse.core.shared.IdGenerator;

import java.time.Clock;

/**
 * Appends domain events to the outbox; called inside a use case's transaction. It takes only records
 * of the sealed {@link Event} family, whose types {@link EventCatalog} lists, and writes their data
 * with {@link EventCodec}.
 */
public final class Events {
    private final EventOutbox outbox;
    private final Clock clock;
    private final IdGenerator ids;

    public Events(EventOutbox outbox, Clock clock, IdGenerator ids) {
        this.outbox = outbox;
        this.clock = clock;
        this.ids = ids;
    }

    public DomainEvent record(Event event) {
        DomainEvent stored = new DomainEvent(new EventId(ids.newId()), event.type(), event.organizationId(), clock.instant(),
                event.data());
        outbox.append(stored);
        return stored;
    }
}
