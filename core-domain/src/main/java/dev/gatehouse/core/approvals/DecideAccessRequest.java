package dev.gatehouse.core.approvals;

import dev.gatehouse.core.events.Announcer;
import dev.gatehouse.core.events.ApprovalEvent;
import dev.gatehouse.core.events.EventCodec;
import dev.gatehouse.core.shared.AccessRequestId;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.Result;
import dev.gatehouse.core.shared.Text;
import dev.gatehouse.core.shared.UserId;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * Records one approver's vote in the current stage of a pending request, under the request's row lock.
 * Refused here: API keys (403), an {@code approver_id} other than the caller (403), a comment too long
 * or with control characters (422), a request the caller cannot see (404). The rules of the vote
 * itself (self-approval, approvers of the stage, one vote per stage, quorum, last stage, rejection)
 * are {@link AccessRequest#vote}'s; the last stage's approval writes the grant. Every vote is audited
 * ({@code access_request.vote}) with its comment or reason; a passed stage, approval and rejection are announced.
 */
public record DecideAccessRequest(AccessRequests requests, RequestVisibility visibility, ApproverDirectory approvers,
                                  AccessGrants grants, Announcer announcer, SettleAccessRequests settle, Clock clock) {
    public static final int MAX_COMMENT_LENGTH = 1000;

    /** @param actorId the body's {@code approver_id}/{@code actor_id}, if any: it must be the caller */
    public record Command(Caller caller, AccessRequestId id, Decision.Verdict verdict, String comment, String actorId) {
    }

    public Result<AccessRequestView> handle(Command c) {
        Optional<UserId> voter = RequestVisibility.user(c.caller());
        if (voter.isEmpty()) {
            return Result.fail(Failure.forbidden("Access requests are approved and rejected by users, not API keys."));
        }
        if (c.actorId() != null && !c.actorId().equals(voter.get().text())) {
            return Result.fail(Failure.forbidden("approver_id must be the authenticated user; you vote as yourself only."));
        }
        String field = c.verdict() == Decision.Verdict.APPROVED ? "comment" : "reason";
        var badComment = commentProblem(field, c.comment());
        if (badComment.isPresent()) {
            return Result.fail(badComment.get());
        }
        return settle.thenLocked(c.id(), r -> decide(c, voter.get(), r));
    }

    /** What is wrong with a vote's comment or a revocation's reason ({@code field}): too long, or not text; empty when fine. */
    static Optional<Failure> commentProblem(String field, String text) {
        if (text != null && text.length() > MAX_COMMENT_LENGTH) {
            return Optional.of(Failure.invalid(field, "must be at most " + MAX_COMMENT_LENGTH + " characters"));
        }
        return Text.multiLineProblem(text).map(problem -> Failure.invalid(field, problem));
    }

    private Result<AccessRequestView> decide(Command c, UserId voter, AccessRequest r) {
        var hidden = visibility.refusal(c.caller(), r);
        if (hidden.isPresent()) {
            return Result.fail(hidden.get());
        }
        var cast = r.vote(voter, c.verdict(), c.comment(), approvers, clock.instant());
        if (!cast.isOk()) {
            return Result.fail(cast.failure());
        }
        AccessRequest.Voted v = cast.value();
        Decision d = v.decision();
        var vote = new ApprovalEvent.Vote(d.verdict().wire(), d.stage() + 1, v.stage().name(),
                d.verdict() == Decision.Verdict.APPROVED ? d.comment() : null,
                d.verdict() == Decision.Verdict.REJECTED ? d.comment() : null);
        // the vote's audit shows the request as it was voted on (before the stage or the request moves on)
        Map<String, Object> audit = EventCodec.data(r.facts());
        audit.putAll(EventCodec.data(vote));
        announcer.auditor().record(c.caller(), "access_request.vote", "access_request", r.id(), r.organizationId(), audit);
        AccessRequest next = v.request();
        if (v.outcome() == AccessRequest.Voted.Outcome.APPROVED) {
            var written = grants.write(next, ((RequestState.Approved) next.state()).grantExpiresAt());
            if (!written.isOk()) {
                return Result.fail(written.failure());
            }
            announcer.announce(c.caller(), new ApprovalEvent.Approved(next.facts(), vote, null), "access_request", r.id());
        } else if (v.outcome() == AccessRequest.Voted.Outcome.STAGE_PASSED) {
            int stage = ((RequestState.Pending) next.state()).stage();
            announcer.announce(c.caller(), new ApprovalEvent.StagePassed(next.facts(), vote, stage + 1, next.stages().get(stage).name()),
                    "access_request", r.id());
        } else if (v.outcome() == AccessRequest.Voted.Outcome.REJECTED) {
            announcer.announce(c.caller(), new ApprovalEvent.Rejected(next.facts(), vote), "access_request", r.id());
        }
        requests.update(next);
        return approvers.view(next);
    }
}
