package dev.gatehouse.core.shared;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** A project inside an organization. Text form {@code prj_…}. */
public record ProjectId(UUID value) implements EntityId {
    public static final String PREFIX = "prj";

    public ProjectId {
        Objects.requireNonNull(value, "value");
    }

    /** Parses the text form; empty for a wrong prefix or shape (never an exception). */
    public static Optional<ProjectId> parse(String text) {
        return TypeId.decode(PREFIX, text).map(ProjectId::new);
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
