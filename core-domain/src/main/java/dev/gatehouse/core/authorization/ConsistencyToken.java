package dev.gatehouse.core.authorization;

import java.util.Objects;

/**
 * Opaque proof of a write: a read asked to be "at least as fresh" as it sees that write. SpiceDB
 * mode carries a ZedToken; local mode carries the revision of {@link Relationships}.
 */
public record ConsistencyToken(String value) {
    public ConsistencyToken {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("a consistency token is not blank");
        }
    }

    static ConsistencyToken ofRevision(long revision) {
        return new ConsistencyToken(Long.toString(revision));
    }
}
