package dev.gatehouse.core.shared;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** A just-in-time access request. Text form {@code req_…}. */
public record AccessRequestId(UUID value) implements EntityId {
    public static final String PREFIX = "req";

    public AccessRequestId {
        Objects.requireNonNull(value, "value");
    }

    /** Parses the text form; empty for a wrong prefix or shape (never an exception). */
    public static Optional<AccessRequestId> parse(String text) {
        return TypeId.decode(PREFIX, text).map(AccessRequestId::new);
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
