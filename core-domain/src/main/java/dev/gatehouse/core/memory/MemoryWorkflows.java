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
import java.util.concurrent.ConcurrentHashMap;

/** Approval workflows in memory. */
public final class MemoryWorkflows implements Workflows {
    private final MemoryTransactions tx;
    private final Map<WorkflowId, Workflow> byId = new ConcurrentHashMap<>();

    public MemoryWorkflows(MemoryTransactions tx) {
        this.tx = tx;
    }

    @Override
    public void add(Workflow p) {
        tx.write(() -> {
            if (byId.putIfAbsent(p.id(), p) != null) {
                throw new IllegalStateException("workflow " + p.id() + " exists");
            }
        }, () -> byId.remove(p.id(), p));
    }

    @Override
    public Optional<Workflow> byId(WorkflowId id) {
        return tx.read(() -> Optional.ofNullable(byId.get(id)));
    }

    @Override
    public void update(Workflow p) {
        Workflow[] before = {null};
        tx.write(() -> {
            before[0] = byId.get(p.id());
            if (before[0] != null) {
                byId.put(p.id(), p);
            }
        }, () -> {
            if (before[0] != null) {
                byId.put(before[0].id(), before[0]);
            }
        });
    }

    @Override
    public void remove(WorkflowId id) {
        Workflow[] before = {null};
        tx.write(() -> before[0] = byId.remove(id), () -> {
            if (before[0] != null) {
                byId.put(id, before[0]);
            }
        });
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
