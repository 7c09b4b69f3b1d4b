package dev.gatehouse.core.shared;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** An event: audit events and domain events. Text form {@code evt_…}. */
public record EventId(UUID value) implements EntityId {
    public static final String PREFIX = "evt";

    public EventId {
        Objects.requireNonNull(value, "value");
    }

    /** Parses the text form; empty for a wrong prefix or shape (never an exception). */
    public static Optional<EventId> parse(String text) {
        return TypeId.decode(PREFIX, text).map(EventId::new);
    }

    @Override
    public String prefix() {
        return PREFIX;
    }

    @Override
    public String toString() {
        return text();
    }
}
