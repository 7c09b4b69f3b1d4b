package dev.gatehouse.core.memory;

import dev.gatehouse.core.approvals.ApprovalStores;

/** The approvals feature's stores in memory, all joining the same memory transactions. */
public final class MemoryApprovalStores {
    private MemoryApprovalStores() {
    }

    public static ApprovalStores create(MemoryTransactions tx) {
        return new ApprovalStores(new MemoryAccessRequests(tx), new MemoryAccessPolicies(tx), new MemoryWorkflows(tx));
    }
}
