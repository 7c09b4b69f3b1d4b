package dev.gatehouse.core.approvals;

import java.util.Objects;

/**
 * One stage of a workflow: its approvers, how many distinct approvals pass it (N of M), and whether
 * one rejection ends the request (the default) or is only recorded.
 */
public record Stage(String name, Approvers approvers, int requiredApprovals, boolean rejectionEndsRequest) {
    public Stage {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(approvers, "approvers");
    }
}
