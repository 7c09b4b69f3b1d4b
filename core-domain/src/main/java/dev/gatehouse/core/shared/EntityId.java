package dev.gatehouse.core.shared;

import java.util.UUID;

/** A typed identifier: a UUID with the type prefix of its text form ({@code org_…}, {@code key_…}). */
public interface EntityId {
    UUID value();

    String prefix();

    /** The public, prefixed text form. */
    default String text() {
        return TypeId.encode(prefix(), value());
    }
}
