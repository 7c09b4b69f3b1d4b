package dev.gatehouse.core.approvals;

import dev.gatehouse.core.authorization.ObjectRef;
import dev.gatehouse.core.events.ApprovalEvent;
import dev.gatehouse.core.shared.AccessRequestId;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.PolicyId;
import dev.gatehouse.core.shared.Reason;
import dev.gatehouse.core.shared.Result;
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
 *
 * <p>The request decides its own transitions: {@link #vote}, {@link #cancel}, {@link #cancelBeneath},
 * {@link #autoApprove}, {@link #expire}, {@link #revokeGrant} and {@link #recordGrantExpiry} each return
 * the next request or the failure that refuses the move (a request that is not pending takes no vote
 * or cancellation; only an active grant is revoked; …). The canonical constructor only rebuilds a
 * stored request.
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

    /** Who may vote in a stage of a request (ids of users); looked up only once a vote got that far. */
    @FunctionalInterface
    public interface StageApprovers {
        Result<List<String>> of(AccessRequest request, int stage);
    }

    /** A recorded vote: the request after it, the decision, its stage and what the vote did. */
    public record Voted(AccessRequest request, Decision decision, Stage stage, Outcome outcome) {
        public enum Outcome {
            /** recorded; the stage still waits (or a rejection that does not end the request) */
            RECORDED,
            /** the stage's quorum is reached; the next stage waits */
            STAGE_PASSED,
            /** the last stage's quorum is reached: the request is approved and its grant starts now */
            APPROVED,
            /** a rejection in a stage whose rejection ends the request */
            REJECTED
        }
    }

    /**
     * One vote of {@code voter} in the current stage. Refused: a request that is not pending, or whose
     * pending TTL has passed (409 naming the state), the requester (403), a user who is not an approver
     * of the stage (403), a second vote in the stage (409). The stage's N-th approval passes it, the last
     * stage's approves the request; a rejection ends it when the stage says so.
     */
    public Result<Voted> vote(UserId voter, Decision.Verdict verdict, String comment, StageApprovers approvers, Instant now) {
        String verb = verdict == Decision.Verdict.APPROVED ? "approved" : "rejected";
        var pending = pendingAt(now, verb);
        if (!pending.isOk()) {
            return Result.fail(pending.failure());
        }
        if (requester.equals(voter)) {
            return Result.fail(Failure.forbidden("You cannot approve or reject your own access request."));
        }
        int stage = pending.value().stage();
        Stage s = stages.get(stage);
        var eligible = approvers.of(this, stage);
        if (!eligible.isOk()) {
            return Result.fail(eligible.failure());
        }
        if (!eligible.value().contains(voter.text())) {
            return Result.fail(Failure.forbidden("You are not an approver of the current stage ('" + s.name() + "', "
                    + (stage + 1) + " of " + stages.size() + ") of this access request.").withDetail("stage", stage + 1));
        }
        if (decisionsIn(stage).stream().anyMatch(d -> d.approver().equals(voter))) {
            return Result.fail(Failure.conflict("You have already voted in this stage of the access request."));
        }
        String text = comment == null || comment.isBlank() ? null : comment.strip();
        Decision decision = new Decision(stage, voter, verdict, text, now);
        AccessRequest voted = withDecision(decision);
        if (verdict == Decision.Verdict.APPROVED && voted.approvalsIn(stage) >= s.requiredApprovals()) {
            if (stage + 1 < stages.size()) {
                return Result.ok(new Voted(voted.moveTo(new RequestState.Pending(stage + 1, pending.value().expiresAt()), now),
                        decision, s, Voted.Outcome.STAGE_PASSED));
            }
            return Result.ok(new Voted(voted.grantFrom(now), decision, s, Voted.Outcome.APPROVED));
        }
        if (verdict == Decision.Verdict.REJECTED && s.rejectionEndsRequest()) {
            return Result.ok(new Voted(voted.moveTo(new RequestState.Rejected(now, voter), now), decision, s,
                    Voted.Outcome.REJECTED));
        }
        return Result.ok(new Voted(voted, decision, s, Voted.Outcome.RECORDED));
    }

    /** A pending request approved by its policy at once (auto-approval): the grant starts now. */
    public Result<AccessRequest> autoApprove(Instant now) {
        return pendingAt(now, "approved").map(p -> grantFrom(now));
    }

    /**
     * The requester ({@code by}; null for a caller who is not a user) withdraws the request. Refused:
     * anyone else (403), a request that is not pending or whose TTL has passed (409 naming the state).
     */
    public Result<AccessRequest> cancel(UserId by, Instant now) {
        if (!requester.equals(by)) {
            return Result.fail(Failure.forbidden("Only the requester can cancel an access request."));
        }
        return pendingAt(now, "cancelled").map(p -> moveTo(new RequestState.Cancelled(now), now));
    }

    /** Cancelled because what it was on (or the membership) went away; any pending request, even overdue. */
    public Result<AccessRequest> cancelBeneath(Instant now) {
        if (!(state instanceof RequestState.Pending)) {
            return Result.fail(invalidState("cancelled"));
        }
        return Result.ok(moveTo(new RequestState.Cancelled(now), now));
    }

    /** A pending request past its TTL expires; anything else is refused. */
    public Result<AccessRequest> expire(Instant now) {
        if (!(state instanceof RequestState.Pending p) || !p.overdueAt(now)) {
            return Result.fail(invalidState("expired"));
        }
        return Result.ok(moveTo(new RequestState.Expired(now), now));
    }

    /**
     * Ends an active grant early, by {@code by} (a principal id). Refused (409 naming the state and the
     * grant's status): a request that is not approved, or whose grant is revoked or over.
     */
    public Result<AccessRequest> revokeGrant(String by, Instant now) {
        if (!(state instanceof RequestState.Approved a) || !"active".equals(a.grantStatus(now))) {
            var failure = invalidState("revoked");
            if (state instanceof RequestState.Approved a2) {
                failure = failure.withDetail("grant_status", a2.grantStatus(now));
            }
            return Result.fail(failure);
        }
        return Result.ok(moveTo(new RequestState.Approved(a.approvedAt(), a.grantExpiresAt(), now, by, a.expiryRecorded()), now));
    }

    /** Notes once that a grant ended by itself; refused unless the grant is over, not revoked and not yet noted. */
    public Result<AccessRequest> recordGrantExpiry(Instant now) {
        if (!(state instanceof RequestState.Approved a) || a.revokedAt() != null || a.expiryRecorded()
                || now.isBefore(a.grantExpiresAt())) {
            return Result.fail(invalidState("marked expired"));
        }
        return Result.ok(moveTo(new RequestState.Approved(a.approvedAt(), a.grantExpiresAt(), null, null, true), now));
    }

    /** Whether time has something to settle at {@code now}: an overdue pending request, or a grant over but not noted. */
    public boolean isDue(Instant now) {
        if (state instanceof RequestState.Pending p) {
            return p.overdueAt(now);
        }
        return state instanceof RequestState.Approved a && a.revokedAt() == null && !a.expiryRecorded()
                && !now.isBefore(a.grantExpiresAt());
    }

    /** 409: "The access request is {state}; it cannot be {action}.", with {@code current_state}. */
    public Failure invalidState(String action) {
        String current = state.wire();
        return Failure.of(Reason.INVALID_STATE, "The access request is " + current + "; it cannot be " + action + ".")
                .withDetail("current_state", current);
    }

    /** What every event about the request carries. */
    public ApprovalEvent.Request facts() {
        return new ApprovalEvent.Request(id, organizationId, requester, resource.type(), resource.id(), access.role(),
                access.permission(), duration.toMinutes(), state.wire(),
                state instanceof RequestState.Approved a ? a.grantExpiresAt() : null);
    }

    /** The decisions of one stage. */
    public List<Decision> decisionsIn(int stage) {
        return decisions.stream().filter(d -> d.stage() == stage).toList();
    }

    public long approvalsIn(int stage) {
        return decisionsIn(stage).stream().filter(d -> d.verdict() == Decision.Verdict.APPROVED).count();
    }

    /** The pending state if the request still takes votes at {@code now}; else 409 naming the state (expired when overdue). */
    private Result<RequestState.Pending> pendingAt(Instant now, String action) {
        if (!(state instanceof RequestState.Pending p)) {
            return Result.fail(invalidState(action));
        }
        if (p.overdueAt(now)) {
            return Result.fail(moveTo(new RequestState.Expired(now), now).invalidState(action));
        }
        return Result.ok(p);
    }

    private AccessRequest grantFrom(Instant now) {
        return moveTo(new RequestState.Approved(now, now.plus(duration), null, null, false), now);
    }

    private AccessRequest moveTo(RequestState next, Instant at) {
        return new AccessRequest(id, organizationId, requester, resource, environmentKind, access, duration, reason,
                policyId, workflowId, stages, decisions, next, createdAt, at);
    }

    private AccessRequest withDecision(Decision d) {
        List<Decision> all = new ArrayList<>(decisions);
        all.add(d);
        return new AccessRequest(id, organizationId, requester, resource, environmentKind, access, duration, reason,
                policyId, workflowId, stages, all, state, createdAt, d.decidedAt());
    }
}
