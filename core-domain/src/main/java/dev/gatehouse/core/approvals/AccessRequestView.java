package dev.gatehouse.core.approvals;

import java.util.List;

/** A request as shown: with the users who may still vote in its current stage (empty unless pending). */
public record AccessRequestView(AccessRequest request, List<String> eligibleApprovers) {
    public AccessRequestView {
        eligibleApprovers = List.copyOf(eligibleApprovers);
    }
}
