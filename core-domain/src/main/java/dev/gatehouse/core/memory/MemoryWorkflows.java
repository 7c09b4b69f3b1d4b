package dev.gatehouse.core.memory;

import dev.gatehouse.core.approvals.Workflows;
import dev.gatehouse.core.approvals.Workflow;
import dev.gatehouse.core.shared.ListQuery;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Page;
import dev.gatehouse.core.shared.WorkflowId;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
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

    @Override
    public Page<Workflow> list(OrganizationId organization, ListQuery q) {
        return tx.read(() -> {
            var search = q.searchTerm().map(s -> s.toLowerCase(Locale.ROOT));
            List<Workflow> matching = byId.values().stream()
                    .filter(p -> p.organizationId().equals(organization))
                    .filter(p -> q.matchesTimes(p.createdAt(), p.updatedAt()))
                    .filter(p -> search.isEmpty() || p.name().toLowerCase(Locale.ROOT).contains(search.get()))
                    .sorted(MemorySort.comparator(q.page().sort(), Map.of(
                                    "created_at", Comparator.comparing(Workflow::createdAt),
                                    "name", Comparator.comparing(Workflow::name)),
                            Comparator.comparing(Workflow::createdAt),
                            Comparator.comparing((Workflow p) -> p.id().value(), MemorySort.UUID_ORDER)))
                    .toList();
            return MemorySort.page(matching, q.page());
        });
    }
}
