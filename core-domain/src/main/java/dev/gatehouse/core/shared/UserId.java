package dev.gatehouse.core.shared;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** A user. Text form {@code usr_…}. */
public record UserId(UUID value) implements EntityId {
    public static final String PREFIX = "usr";

    public UserId {
        Objects.requireNonNull(value, "value");
    }

    /** Parses the text form; empty for a wrong prefix or shape (never an exception). */
    public static Optional<UserId> parse(String text) {
        return TypeId.decode(PREFIX, text).map(UserId::new);
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
