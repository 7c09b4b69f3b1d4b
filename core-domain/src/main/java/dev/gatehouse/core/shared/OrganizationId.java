package dev.gatehouse.core.shared;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** An organization (tenant). Text form {@code org_…}. */
public record OrganizationId(UUID value) implements EntityId {
    public static final String PREFIX = "org";

    public OrganizationId {
        Objects.requireNonNull(value, "value");
    }

    /** Parses the text form; empty for a wrong prefix or shape (never an exception). */
    public static Optional<OrganizationId> parse(String text) {
        return TypeId.decode(PREFIX, text).map(OrganizationId::new);
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
