package dev.gatehouse.postgres;

import dev.gatehouse.core.events.DomainEvent;
import dev.gatehouse.core.events.EventOutbox;
import dev.gatehouse.core.shared.EventId;

import java.util.List;

/**
 * {@link EventOutbox} in {@code domain_events}; appends join the caller's transaction, queued with its
 * other inserts ({@link Sql#insertLater}: an event and the change's audit entry cost one round trip).
 */
final class JdbcEventOutbox extends JdbcTable<DomainEvent, EventId> implements EventOutbox {
    private static final String INSERT = insert("domain_events", "id, type, organization_id, occurred_at, data::jsonb");

    JdbcEventOutbox(Sql sql) {
        super(sql, "domain_events", DomainEventRows::map);
    }

    @Override
    public void append(DomainEvent event) {
        sql.insertLater(INSERT,
                event.id().value(), event.type(), event.organizationId() == null ? null : event.organizationId().value(),
                event.occurredAt(), DomainEventRows.toJson(event.data()));
    }

    @Override
    public List<DomainEvent> after(EventId after, int limit) {
        return after == null
                ? sql.query("SELECT * FROM domain_events ORDER BY id LIMIT ?", DomainEventRows::map, limit)
                : sql.query("SELECT * FROM domain_events WHERE id > ? ORDER BY id LIMIT ?", DomainEventRows::map, after.value(), limit);
    }

}
