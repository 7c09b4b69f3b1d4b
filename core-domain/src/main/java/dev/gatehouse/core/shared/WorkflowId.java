package dev.gatehouse.core.shared;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** An approval workflow. Text form {@code wf_…}. */
public record WorkflowId(UUID value) implements EntityId {
    public static final String PREFIX = "wf";

    public WorkflowId {
        Objects.requireNonNull(value, "value");
    }

    /** Parses the text form; empty for a wrong prefix or shape (never an exception). */
    public static Optional<WorkflowId> parse(String text) {
        return TypeId.decode(PREFIX, text).map(WorkflowId::new);
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
