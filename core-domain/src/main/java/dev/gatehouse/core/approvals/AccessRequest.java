package dev.gatehouse.core.approvals;

import dev.gatehouse.core.authorization.ObjectRef;
import dev.gatehouse.core.shared.AccessRequestId;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.PolicyId;
import dev.gatehouse.core.shared.UserId;
import dev.gatehouse.core.shared.WorkflowId;
import dev.gatehouse.core.tenancy.projects.EnvironmentKind;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A user's request for {@link RequestedAccess} on a resource for {@code duration}. The workflow's
 * stages are copied at submission, so editing a workflow never changes requests already under way.
 */
public record AccessRequest(AccessRequestId id, OrganizationId organizationId, UserId requester, ObjectRef resource,
                            EnvironmentKind environmentKind, RequestedAccess access, Duration duration, String reason,
                            PolicyId policyId, WorkflowId workflowId, List<Stage> stages, List<Decision> decisions,
                            RequestState state, Instant createdAt, Instant updatedAt) {
    public static final int MAX_REASON_LENGTH = 1000;

    public AccessRequest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(requester, "requester");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(policyId, "policyId");
        stages = List.copyOf(stages);
        decisions = List.copyOf(decisions);
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    public AccessRequest with(RequestState next, Instant at) {
        return new AccessRequest(id, organizationId, requester, resource, environmentKind, access, duration, reason,
                policyId, workflowId, stages, decisions, next, createdAt, at);
    }

    public AccessRequest withDecision(Decision d) {
        List<Decision> all = new ArrayList<>(decisions);
        all.add(d);
        return new AccessRequest(id, organizationId, requester, resource, environmentKind, access, duration, reason,
                policyId, workflowId, stages, all, state, createdAt, d.decidedAt());
    }

    /** The decisions of one stage. */
    public List<Decision> decisionsIn(int stage) {
        return decisions.stream().filter(d -> d.stage() == stage).toList();
    }

    public long approvalsIn(int stage) {
        return decisionsIn(stage).stream().filter(d -> d.verdict() == Decision.Verdict.APPROVED).count();
    }
}
