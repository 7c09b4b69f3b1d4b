package dev.gatehouse.core.shared;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** A custom role. Text form {@code role_…}. */
public record RoleId(UUID value) implements EntityId {
    public static final String PREFIX = "role";

    public RoleId {
        Objects.requireNonNull(value, "value");
    }

    /** Parses the text form; empty for a wrong prefix or shape (never an exception). */
    public static Optional<RoleId> parse(String text) {
        return TypeId.decode(PREFIX, text).map(RoleId::new);
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
