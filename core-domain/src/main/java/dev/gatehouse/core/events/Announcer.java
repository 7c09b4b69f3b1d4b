package dev.gatehouse.core.events;

import dev.gatehouse.core.audit.Auditor;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.EntityId;

import java.util.Objects;

/**
 * Records a change both ways, in the caller's transaction: the audit event (its summary is the event's
 * data, written by {@link EventCodec}) and the domain event in the outbox.
 */
public record Announcer(Auditor auditor, Events events) {
    public Announcer {
        Objects.requireNonNull(auditor, "auditor");
        Objects.requireNonNull(events, "events");
    }

    /** Audits {@code event} on {@code resourceType}/{@code resource} and appends it to the outbox. */
    public void announce(Caller caller, Event event, String resourceType, EntityId resource) {
        auditor.record(caller, event.type(), resourceType, resource, event.organizationId(), event.data());
        events.record(event);
    }

    public Auditor auditor() {
        return auditor;
    }
}
