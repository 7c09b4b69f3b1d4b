package dev.gatehouse.core.approvals;

import dev.gatehouse.core.shared.Text;

import dev.gatehouse.core.shared.AccessRequestId;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.Result;
import dev.gatehouse.core.shared.UserId;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Records one approver's vote in the current stage of a pending request, under the request's row lock.
 * Refused: API keys and the requester (403), a caller who is not an approver of the stage (403), a
 * second vote in the stage (409), a request that is not pending, or whose pending TTL has passed (409,
 * naming the state; an overdue request is marked expired first). The stage's N-th approval passes it;
 * the last stage's writes the grant. A rejection ends the request when the stage says so (the default).
 * Every vote is audited ({@code access_request.vote}) with its comment or reason.
 */
public final class DecideAccessRequest {
    public static final int MAX_COMMENT_LENGTH = 1000;

    /** @param actorId the body's {@code approver_id}/{@code actor_id}, if any: it must be the caller */
    public record Command(Caller caller, AccessRequestId id, Decision.Verdict verdict, String comment, String actorId) {
    }

    private final ApprovalContext ctx;
    private final SettleAccessRequests settle;

    public DecideAccessRequest(ApprovalContext ctx, SettleAccessRequests settle) {
        this.ctx = ctx;
        this.settle = settle;
    }

    public Result<AccessRequestView> handle(Command c) {
        Optional<UserId> voter = ApprovalContext.user(c.caller());
        if (voter.isEmpty()) {
            return Result.fail(Failure.forbidden("Access requests are approved and rejected by users, not API keys."));
        }
        if (c.actorId() != null && !c.actorId().equals(voter.get().text())) {
            return Result.fail(Failure.forbidden("approver_id must be the authenticated user; you vote as yourself only."));
        }
        String field = c.verdict() == Decision.Verdict.APPROVED ? "comment" : "reason";
        if (c.comment() != null && c.comment().length() > MAX_COMMENT_LENGTH) {
            return Result.fail(Failure.invalid(field, "must be at most " + MAX_COMMENT_LENGTH + " characters"));
        }
        var textProblem = Text.multiLineProblem(c.comment());
        if (textProblem.isPresent()) {
            return Result.fail(Failure.invalid(field, textProblem.get()));
        }
        settle.settle(c.id());
        return ctx.tx().inTransaction(() -> decide(c, voter.get()));
    }

    private Result<AccessRequestView> decide(Command c, UserId voter) {
        var found = ctx.requests().lockById(c.id());
        if (found.isEmpty()) {
            return Result.fail(Failure.notFound("Access request"));
        }
        AccessRequest r = found.get();
        var visible = ctx.visible(c.caller(), r);
        if (!visible.isOk()) {
            return Result.fail(visible.failure());
        }
        if (!visible.value()) {
            return Result.fail(Failure.notFound("Access request"));
        }
        String verb = c.verdict() == Decision.Verdict.APPROVED ? "approved" : "rejected";
        Instant now = ctx.clock().instant();
        if (!(r.state() instanceof RequestState.Pending pending)) {
            return Result.fail(ApprovalContext.invalidState(r, verb));
        }
        if (pending.overdueAt(now)) {
            return Result.fail(ApprovalContext.invalidState(r.with(new RequestState.Expired(now), now), verb));
        }
        if (r.requester().equals(voter)) {
            return Result.fail(Failure.forbidden("You cannot approve or reject your own access request."));
        }
        int stage = pending.stage();
        Stage s = r.stages().get(stage);
        var approvers = ctx.approversOf(r, stage);
        if (!approvers.isOk()) {
            return Result.fail(approvers.failure());
        }
        if (!approvers.value().contains(voter.text())) {
            return Result.fail(Failure.forbidden("You are not an approver of the current stage ('" + s.name() + "', "
                    + (stage + 1) + " of " + r.stages().size() + ") of this access request.").withDetail("stage", stage + 1));
        }
        if (r.decisionsIn(stage).stream().anyMatch(d -> d.approver().equals(voter))) {
            return Result.fail(Failure.conflict("You have already voted in this stage of the access request."));
        }
        String comment = c.comment() == null || c.comment().isBlank() ? null : c.comment().strip();
        AccessRequest voted = r.withDecision(new Decision(stage, voter, c.verdict(), comment, now));
        Map<String, Object> vote = new LinkedHashMap<>();
        vote.put("decision", c.verdict().wire());
        vote.put("stage", stage + 1);
        vote.put("stage_name", s.name());
        if (comment != null) {
            vote.put(c.verdict() == Decision.Verdict.APPROVED ? "comment" : "reason", comment);
        }
        Map<String, Object> audit = ApprovalContext.data(voted);
        audit.putAll(vote);
        ctx.auditor().record(c.caller(), "access_request.vote", "access_request", r.id(), r.organizationId(), audit);
        AccessRequest next = voted;
        if (c.verdict() == Decision.Verdict.APPROVED && voted.approvalsIn(stage) >= s.requiredApprovals()) {
            if (stage + 1 < r.stages().size()) {
                next = voted.with(new RequestState.Pending(stage + 1, pending.expiresAt()), now);
            } else {
                Instant until = now.plus(r.duration());
                next = voted.with(new RequestState.Approved(now, until, null, null, false), now);
                var written = ctx.writeGrant(next, until);
                if (!written.isOk()) {
                    return Result.fail(written.failure());
                }
                ctx.announce(c.caller(), "access_request.approved", next, vote);
            }
        } else if (c.verdict() == Decision.Verdict.REJECTED && s.rejectionEndsRequest()) {
            next = voted.with(new RequestState.Rejected(now, voter), now);
            ctx.announce(c.caller(), "access_request.rejected", next, vote);
        }
        ctx.requests().update(next);
        return ctx.view(next);
    }
}
