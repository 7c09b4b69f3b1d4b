package dev.gatehouse.core.shared;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** A membership of a user in an organization. Text form {@code mem_…}. */
public record MembershipId(UUID value) implements EntityId {
    public static final String PREFIX = "mem";

    public MembershipId {
        Objects.requireNonNull(value, "value");
    }

    /** Parses the text form; empty for a wrong prefix or shape (never an exception). */
    public static Optional<MembershipId> parse(String text) {
        return TypeId.decode(PREFIX, text).map(MembershipId::new);
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
