package dev.gatehouse.core.shared;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** A role assignment (a custom or built-in role given to a user on a resource). Text form {@code ra_…}. */
public record RoleAssignmentId(UUID value) implements EntityId {
    public static final String PREFIX = "ra";

    public RoleAssignmentId {
        Objects.requireNonNull(value, "value");
    }

    /** Parses the text form; empty for a wrong prefix or shape (never an exception). */
    public static Optional<RoleAssignmentId> parse(String text) {
        return TypeId.decode(PREFIX, text).map(RoleAssignmentId::new);
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
