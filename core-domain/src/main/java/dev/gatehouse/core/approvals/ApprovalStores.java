package dev.gatehouse.core.approvals;

import java.util.Objects;

/**
 * The approvals feature's driven ports: access requests, access policies, workflows. Providers:
 * {@code MemoryApprovalStores} (core, in memory) and the PostgreSQL adapter's factory.
 */
public record ApprovalStores(AccessRequests accessRequests, AccessPolicies accessPolicies, Workflows workflows) {
    public ApprovalStores {
        Objects.requireNonNull(accessRequests, "accessRequests");
        Objects.requireNonNull(accessPolicies, "accessPolicies");
        Objects.requireNonNull(workflows, "workflows");
    }
}
