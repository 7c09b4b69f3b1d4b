package dev.gatehouse.core.memory;

import dev.gatehouse.core.approvals.AccessPolicies;
import dev.gatehouse.core.approvals.Policy;
import dev.gatehouse.core.shared.ListQuery;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Page;
import dev.gatehouse.core.shared.PolicyId;
import dev.gatehouse.core.shared.WorkflowId;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Approval policies in memory. */
public final class MemoryAccessPolicies implements AccessPolicies {
    private final MemoryTransactions tx;
    private final MemoryTable<PolicyId, Policy> byId;

    public MemoryAccessPolicies(MemoryTransactions tx) {
        this.tx = tx;
        this.byId = new MemoryTable<>(tx, "policy");
    }

    @Override
    public void add(Policy p) {
        byId.add(p.id(), p);
    }

    @Override
    public Optional<Policy> byId(PolicyId id) {
        return byId.get(id);
    }

    @Override
    public void update(Policy p) {
        byId.replace(p.id(), p);
    }

    @Override
    public void remove(PolicyId id) {
        byId.remove(id);
    }

    @Override
    public List<Policy> ofOrganization(OrganizationId organization) {
        return tx.read(() -> byId.values().stream().filter(p -> p.organizationId().equals(organization)).toList());
    }

    @Override
    public boolean usesWorkflow(WorkflowId workflow) {
        return tx.read(() -> byId.values().stream().anyMatch(p -> workflow.equals(p.workflowId())));
    }

    private static final MemoryListing<Policy> LISTING = new MemoryListing<>(Policy::createdAt, Policy::updatedAt,
            p -> p.id().value(), List.of(Policy::name),
            Map.of("created_at", Comparator.comparing(Policy::createdAt), "name", Comparator.comparing(Policy::name)),
            Comparator.comparing(Policy::createdAt));

    @Override
    public Page<Policy> list(OrganizationId organization, ListQuery q) {
        return tx.read(() -> LISTING.page(byId.values(), p -> p.organizationId().equals(organization), q));
    }
}
