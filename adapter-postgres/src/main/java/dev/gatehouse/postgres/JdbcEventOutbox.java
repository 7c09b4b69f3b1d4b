package dev.gatehouse.postgres;

import dev.gatehouse.core.events.DomainEvent;
import dev.gatehouse.core.events.EventOutbox;
import dev.gatehouse.core.shared.EventId;

import java.util.List;
import java.util.Optional;

/**
 * {@link EventOutbox} in {@code domain_events}; appends join the caller's transaction, queued with its
 * other inserts ({@link Sql#insertLater}: an event and the change's audit entry cost one round trip).
 */
final class JdbcEventOutbox implements EventOutbox {
    private final Sql sql;

    JdbcEventOutbox(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void append(DomainEvent event) {
        sql.insertLater("INSERT INTO domain_events (id, type, organization_id, occurred_at, data) VALUES (?, ?, ?, ?, ?::jsonb)",
                event.id().value(), event.type(), event.organizationId() == null ? null : event.organizationId().value(),
                event.occurredAt(), DomainEventRows.toJson(event.data()));
    }

    @Override
    public List<DomainEvent> after(EventId after, int limit) {
        return after == null
                ? sql.query("SELECT * FROM domain_events ORDER BY id LIMIT ?", DomainEventRows::map, limit)
                : sql.query("SELECT * FROM domain_events WHERE id > ? ORDER BY id LIMIT ?", DomainEventRows::map, after.value(), limit);
    }

    @Override
    public Optional<DomainEvent> byId(EventId id) {
        return sql.one("SELECT * FROM domain_events WHERE id = ?", DomainEventRows::map, id.value());
    }

}
