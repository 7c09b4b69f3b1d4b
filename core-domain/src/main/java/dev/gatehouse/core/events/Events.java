package dev.gatehouse.core.events;

import dev.gatehouse.core.shared.EventId;
import dev.gatehouse.core.shared.IdGenerator;
import dev.gatehouse.core.shared.OrganizationId;

import java.time.Clock;
import java.util.Map;

/** Builds domain events and appends them to the outbox; called inside a use case's transaction. */
public final class Events {
    private final EventOutbox outbox;
    private final Clock clock;
    private final IdGenerator ids;

    public Events(EventOutbox outbox, Clock clock, IdGenerator ids) {
        this.outbox = outbox;
        this.clock = clock;
        this.ids = ids;
    }

    public DomainEvent record(String type, OrganizationId organization, Map<String, Object> data) {
        DomainEvent event = new DomainEvent(new EventId(ids.newId()), type, organization, clock.instant(), data);
        outbox.append(event);
        return event;
    }
}
