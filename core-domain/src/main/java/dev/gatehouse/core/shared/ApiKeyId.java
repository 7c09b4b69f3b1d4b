package dev.gatehouse.core.shared;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** An API key. Text form {@code key_…}. */
public record ApiKeyId(UUID value) implements EntityId {
    public static final String PREFIX = "key";

    public ApiKeyId {
        Objects.requireNonNull(value, "value");
    }

    /** Parses the text form; empty for a wrong prefix or shape (never an exception). */
    public static Optional<ApiKeyId> parse(String text) {
        return TypeId.decode(PREFIX, text).map(ApiKeyId::new);
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
