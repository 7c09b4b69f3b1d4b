package dev.gatehouse.core.shared;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** An environment of a project. Text form {@code env_…}. */
public record EnvironmentId(UUID value) implements EntityId {
    public static final String PREFIX = "env";

    public EnvironmentId {
        Objects.requireNonNull(value, "value");
    }

    /** Parses the text form; empty for a wrong prefix or shape (never an exception). */
    public static Optional<EnvironmentId> parse(String text) {
        return TypeId.decode(PREFIX, text).map(EnvironmentId::new);
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
