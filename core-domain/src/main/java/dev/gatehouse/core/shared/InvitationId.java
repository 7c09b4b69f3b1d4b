package dev.gatehouse.core.shared;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** An invitation to an organization. Text form {@code inv_…}. */
public record InvitationId(UUID value) implements EntityId {
    public static final String PREFIX = "inv";

    public InvitationId {
        Objects.requireNonNull(value, "value");
    }

    /** Parses the text form; empty for a wrong prefix or shape (never an exception). */
    public static Optional<InvitationId> parse(String text) {
        return TypeId.decode(PREFIX, text).map(InvitationId::new);
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
