package dev.gatehouse.core.memory;

import dev.gatehouse.core.approvals.Workflows;
import dev.gatehouse.core.approvals.Workflow;
import dev.gatehouse.core.shared.ListQuery;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Page;
import dev.gatehouse.core.shared.WorkflowId;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Approval workflows in memory. */
public final class MemoryWorkflows implements Workflows {
    private final MemoryTransactions tx;
    private final MemoryTable<WorkflowId, Workflow> byId;

    public MemoryWorkflows(MemoryTransactions tx) {
        this.tx = tx;
        this.byId = new MemoryTable<>(tx, "workflow");
    }

    @Override
    public void add(Workflow p) {
        byId.add(p.id(), p);
    }

    @Override
    public Optional<Workflow> byId(WorkflowId id) {
        return byId.get(id);
    }

    @Override
    public void update(Workflow p) {
        byId.replace(p.id(), p);
    }

    @Override
    public void remove(WorkflowId id) {
        byId.remove(id);
    }

    private static final MemoryListing<Workflow> LISTING = new MemoryListing<>(Workflow::createdAt, Workflow::updatedAt,
            w -> w.id().value(), List.of(Workflow::name),
            Map.of("created_at", Comparator.comparing(Workflow::createdAt), "name", Comparator.comparing(Workflow::name)),
            Comparator.comparing(Workflow::createdAt));

    @Override
    public Page<Workflow> list(OrganizationId organization, ListQuery q) {
        return tx.read(() -> LISTING.page(byId.values(), w -> w.organizationId().equals(organization), q));
    }
}
