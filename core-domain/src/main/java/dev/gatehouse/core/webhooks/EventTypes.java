package dev.gatehouse.core.webhooks;

import dev.gatehouse.core.events.EventCatalog;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Every domain event type the product delivers, with a short description and an example {@code data}:
 * the {@link EventCatalog}, derived from the sealed event family, so it cannot miss a delivered type.
 * Served by {@code GET /api/v1/event-types}.
 */
public final class EventTypes {
    public record EventType(String type, String description, Map<String, Object> example) {
    }

    private static final List<EventType> ALL = EventCatalog.all().stream()
            .map(e -> new EventType(e.type(), e.description(), e.exampleData())).toList();

    private EventTypes() {
    }

    public static List<EventType> all() {
        return ALL;
    }

    /** The example body a subscriber receives for the type. */
    public static String examplePayload(EventType t) {
        return Payloads.of(t.type(), Instant.parse("2026-01-15T10:30:00Z"), t.example());
    }
}
