package dev.gatehouse.core.memory;

import dev.gatehouse.core.approvals.AccessPolicies;
import dev.gatehouse.core.approvals.AccessRequests;
import dev.gatehouse.core.approvals.Workflows;
import dev.gatehouse.core.contract.ApprovalStoresContract;
import dev.gatehouse.core.shared.Transactions;

class MemoryApprovalStoresTest extends ApprovalStoresContract {
    private final MemoryTransactions tx = new MemoryTransactions();

    @Override
    protected AccessRequests requests() {
        return new MemoryAccessRequests(tx);
    }

    @Override
    protected AccessPolicies policies() {
        return new MemoryAccessPolicies(tx);
    }

    @Override
    protected Workflows workflows() {
        return new MemoryWorkflows(tx);
    }

    @Override
    protected Transactions transactions() {
        return tx;
    }
}
