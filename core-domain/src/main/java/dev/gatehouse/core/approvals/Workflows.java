package dev.gatehouse.core.approvals;

import dev.gatehouse.core.shared.ListQuery;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Page;
import dev.gatehouse.core.shared.WorkflowId;

import java.util.Optional;

/** The approval workflows of every organization. */
public interface Workflows {
    void add(Workflow workflow);

    Optional<Workflow> byId(WorkflowId id);

    void update(Workflow workflow);

    void remove(WorkflowId id);

    /** Oldest first by default; {@code search} matches the name. */
    Page<Workflow> list(OrganizationId organization, ListQuery query);
}
