package dev.gatehouse.core.approvals;

import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.WorkflowId;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** An organization's ordered approval stages; every stage must pass, in order. */
public record Workflow(WorkflowId id, OrganizationId organizationId, String name, String description, List<Stage> stages,
                       Instant createdAt, Instant updatedAt) {
    public static final int MAX_STAGES = 10;
    public static final int MAX_NAME_LENGTH = 100;

    public Workflow {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(name, "name");
        stages = List.copyOf(stages);
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
