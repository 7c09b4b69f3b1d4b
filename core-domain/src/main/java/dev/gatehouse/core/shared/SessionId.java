package dev.gatehouse.core.shared;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** A user's session. Text form {@code ses_…}; the {@code jti} of its token. */
public record SessionId(UUID value) implements EntityId {
    public static final String PREFIX = "ses";

    public SessionId {
        Objects.requireNonNull(value, "value");
    }

    /** Parses the text form; empty for a wrong prefix or shape (never an exception). */
    public static Optional<SessionId> parse(String text) {
        return TypeId.decode(PREFIX, text).map(SessionId::new);
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
