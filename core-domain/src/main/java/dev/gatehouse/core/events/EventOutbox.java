package dev.gatehouse.core.events;

import dev.gatehouse.core.shared.EventId;

import java.util.List;
import java.util.Optional;

/**
 * The transactional outbox of domain events: use cases append inside their transaction, so an event
 * exists exactly when its change does; the webhook capability reads them in id order after commit.
 */
public interface EventOutbox {
    void append(DomainEvent event);

    /** Events with an id greater than {@code after} (all when null), oldest first, at most {@code limit}. */
    List<DomainEvent> after(EventId after, int limit);

    Optional<DomainEvent> byId(EventId id);
}
