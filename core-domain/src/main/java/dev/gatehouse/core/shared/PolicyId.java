package dev.gatehouse.core.shared;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** An access policy. Text form {@code pol_…}. */
public record PolicyId(UUID value) implements EntityId {
    public static final String PREFIX = "pol";

    public PolicyId {
        Objects.requireNonNull(value, "value");
    }

    /** Parses the text form; empty for a wrong prefix or shape (never an exception). */
    public static Optional<PolicyId> parse(String text) {
        return TypeId.decode(PREFIX, text).map(PolicyId::new);
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
