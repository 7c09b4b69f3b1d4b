package dev.gatehouse.core.shared;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** A signing key (JWT/JWKS). Text form {@code sgk_…}. */
public record SigningKeyId(UUID value) implements EntityId {
    public static final String PREFIX = "sgk";

    public SigningKeyId {
        Objects.requireNonNull(value, "value");
    }

    /** Parses the text form; empty for a wrong prefix or shape (never an exception). */
    public static Optional<SigningKeyId> parse(String text) {
        return TypeId.decode(PREFIX, text).map(SigningKeyId::new);
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
