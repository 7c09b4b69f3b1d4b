package dev.gatehouse.core.approvals;

import dev.gatehouse.core.authorization.ObjectRef;
import dev.gatehouse.core.shared.AccessRequestId;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.PolicyId;
import dev.gatehouse.core.shared.Reason;
import dev.gatehouse.core.shared.Result;
import dev.gatehouse.core.shared.UserId;
import dev.gatehouse.core.shared.WorkflowId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The request's own rules, without stores or an authorizer: votes, quorum, stages, rejection and every refusal. */
class AccessRequestTransitionsTest {
    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    private final UserId requester = user();
    private final UserId ada = user();
    private final UserId bob = user();
    private final UserId eve = user();
    private final List<Integer> lookups = new ArrayList<>();
    /** ada and bob approve every stage; eve none. */
    private final AccessRequest.StageApprovers approvers = (r, stage) -> {
        lookups.add(stage);
        return Result.ok(List.of(ada.text(), bob.text()));
    };

    private static UserId user() {
        return new UserId(UUID.randomUUID());
    }

    private AccessRequest pending(Stage... stages) {
        return new AccessRequest(new AccessRequestId(UUID.randomUUID()), new OrganizationId(UUID.randomUUID()), requester,
                new ObjectRef("project", "prj_x"), null, RequestedAccess.role("admin"), Duration.ofMinutes(60), null,
                new PolicyId(UUID.randomUUID()), new WorkflowId(UUID.randomUUID()), List.of(stages), List.of(),
                new RequestState.Pending(0, T0.plus(Duration.ofHours(1))), T0, T0);
    }

    private static Stage stage(String name, int required, boolean rejectionEnds) {
        return new Stage(name, new Approvers(List.of(), null, "access_requests_approve"), required, rejectionEnds);
    }

    private static <T> T ok(Result<T> r) {
        assertThat(r.isOk()).as(() -> r.failure().toString()).isTrue();
        return r.value();
    }

    private AccessRequest.Voted vote(AccessRequest r, UserId who, Decision.Verdict verdict, String comment) {
        return ok(r.vote(who, verdict, comment, approvers, T0.plusSeconds(60)));
    }

    @Test
    void theQuorumOfTheLastStageApprovesAndStartsTheGrant() {
        AccessRequest r = pending(stage("Leads", 2, true));
        var first = vote(r, ada, Decision.Verdict.APPROVED, "  fine  ");
        assertThat(first.outcome()).isEqualTo(AccessRequest.Voted.Outcome.RECORDED);
        assertThat(first.request().state()).isEqualTo(r.state());
        assertThat(first.decision().comment()).isEqualTo("fine");
        var second = vote(first.request(), bob, Decision.Verdict.APPROVED, " ");
        assertThat(second.outcome()).isEqualTo(AccessRequest.Voted.Outcome.APPROVED);
        assertThat(second.decision().comment()).isNull();
        var approved = (RequestState.Approved) second.request().state();
        assertThat(approved.approvedAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(approved.grantExpiresAt()).isEqualTo(T0.plusSeconds(60).plus(Duration.ofMinutes(60)));
        assertThat(second.request().decisions()).hasSize(2);
        assertThat(second.request().facts().status()).isEqualTo("approved");
        assertThat(second.request().facts().grantExpiresAt()).isEqualTo(approved.grantExpiresAt());
    }

    @Test
    void aPassedStageMovesToTheNextKeepingTheDeadline() {
        AccessRequest r = pending(stage("Peers", 1, true), stage("Managers", 1, true));
        var passed = vote(r, ada, Decision.Verdict.APPROVED, null);
        assertThat(passed.outcome()).isEqualTo(AccessRequest.Voted.Outcome.STAGE_PASSED);
        assertThat(passed.request().state()).isEqualTo(new RequestState.Pending(1, T0.plus(Duration.ofHours(1))));
        // the same approver may vote again in the next stage
        var approved = vote(passed.request(), ada, Decision.Verdict.APPROVED, null);
        assertThat(approved.outcome()).isEqualTo(AccessRequest.Voted.Outcome.APPROVED);
        assertThat(approved.stage().name()).isEqualTo("Managers");
        assertThat(lookups).containsExactly(0, 1);
    }

    @Test
    void aRejectionEndsTheRequestOnlyWhenTheStageSaysSo() {
        var ended = vote(pending(stage("Leads", 1, true)), ada, Decision.Verdict.REJECTED, "no");
        assertThat(ended.outcome()).isEqualTo(AccessRequest.Voted.Outcome.REJECTED);
        assertThat(ended.request().state()).isEqualTo(new RequestState.Rejected(T0.plusSeconds(60), ada));

        var noted = vote(pending(stage("Leads", 1, false)), ada, Decision.Verdict.REJECTED, "no");
        assertThat(noted.outcome()).isEqualTo(AccessRequest.Voted.Outcome.RECORDED);
        assertThat(noted.request().state()).isInstanceOf(RequestState.Pending.class);
        assertThat(vote(noted.request(), bob, Decision.Verdict.APPROVED, null).outcome())
                .isEqualTo(AccessRequest.Voted.Outcome.APPROVED);
    }

    @Test
    void votesAreRefusedFromTheRequesterOutsidersAndTwiceInAStage() {
        AccessRequest r = pending(stage("Leads", 2, true));
        Failure self = r.vote(requester, Decision.Verdict.APPROVED, null, approvers, T0).failure();
        assertThat(self.reason()).isEqualTo(Reason.FORBIDDEN);
        assertThat(self.message()).contains("your own");
        assertThat(lookups).as("self-approval is refused before any lookup").isEmpty();

        Failure outsider = r.vote(eve, Decision.Verdict.APPROVED, null, approvers, T0).failure();
        assertThat(outsider.reason()).isEqualTo(Reason.FORBIDDEN);
        assertThat(outsider.message()).contains("'Leads', 1 of 1");

        var once = vote(r, ada, Decision.Verdict.APPROVED, null);
        assertThat(once.request().vote(ada, Decision.Verdict.REJECTED, null, approvers, T0).failure().reason())
                .isEqualTo(Reason.CONFLICT);
    }

    @Test
    void aRequestThatIsNotPendingOrIsOverdueTakesNoVoteOrCancellation() {
        AccessRequest r = pending(stage("Leads", 1, true));
        Instant late = T0.plus(Duration.ofHours(1));
        Failure overdue = r.vote(ada, Decision.Verdict.APPROVED, null, approvers, late).failure();
        assertThat(overdue.reason()).isEqualTo(Reason.INVALID_STATE);
        assertThat(overdue.details()).containsEntry("current_state", "expired");
        assertThat(r.cancel(requester, late).failure().details()).containsEntry("current_state", "expired");

        AccessRequest cancelled = ok(r.cancel(requester, T0));
        assertThat(cancelled.state()).isEqualTo(new RequestState.Cancelled(T0));
        Failure again = cancelled.vote(ada, Decision.Verdict.APPROVED, null, approvers, T0).failure();
        assertThat(again.reason()).isEqualTo(Reason.INVALID_STATE);
        assertThat(again.message()).isEqualTo("The access request is cancelled; it cannot be approved.");
        assertThat(cancelled.cancel(requester, T0).failure().reason()).isEqualTo(Reason.INVALID_STATE);
        assertThat(cancelled.expire(late).isOk()).isFalse();
        assertThat(cancelled.autoApprove(T0).isOk()).isFalse();
        assertThat(lookups).isEmpty();
    }

    @Test
    void onlyTheRequesterCancels() {
        AccessRequest r = pending(stage("Leads", 1, true));
        assertThat(r.cancel(ada, T0).failure().reason()).isEqualTo(Reason.FORBIDDEN);
        assertThat(r.cancel(null, T0).failure().reason()).isEqualTo(Reason.FORBIDDEN);
        // a cascade cancels any pending request, even an overdue one, but nothing else
        assertThat(ok(r.cancelBeneath(T0.plus(Duration.ofDays(1)))).state()).isInstanceOf(RequestState.Cancelled.class);
        assertThat(ok(r.cancel(requester, T0)).cancelBeneath(T0).isOk()).isFalse();
    }

    @Test
    void timeExpiresAPendingRequestAndEndsAGrantOnce() {
        AccessRequest r = pending(stage("Leads", 1, true));
        assertThat(r.isDue(T0)).isFalse();
        assertThat(r.expire(T0).failure().reason()).isEqualTo(Reason.INVALID_STATE);
        Instant late = T0.plus(Duration.ofHours(1));
        assertThat(r.isDue(late)).isTrue();
        assertThat(ok(r.expire(late)).state()).isEqualTo(new RequestState.Expired(late));

        AccessRequest approved = ok(r.autoApprove(T0));
        Instant end = T0.plus(Duration.ofMinutes(60));
        assertThat(approved.isDue(end.minusSeconds(1))).isFalse();
        assertThat(approved.recordGrantExpiry(end.minusSeconds(1)).isOk()).isFalse();
        assertThat(approved.isDue(end)).isTrue();
        AccessRequest recorded = ok(approved.recordGrantExpiry(end));
        assertThat(((RequestState.Approved) recorded.state()).expiryRecorded()).isTrue();
        assertThat(recorded.isDue(end)).isFalse();
        assertThat(recorded.recordGrantExpiry(end).isOk()).as("recorded once").isFalse();
    }

    @Test
    void onlyAnActiveGrantIsRevoked() {
        AccessRequest r = pending(stage("Leads", 1, true));
        assertThat(r.revokeGrant("usr_x", T0).failure().details()).containsEntry("current_state", "pending")
                .doesNotContainKey("grant_status");
        AccessRequest approved = ok(r.autoApprove(T0));
        AccessRequest revoked = ok(approved.revokeGrant("usr_x", T0.plusSeconds(5)));
        var state = (RequestState.Approved) revoked.state();
        assertThat(state.revokedAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(state.revokedBy()).isEqualTo("usr_x");
        assertThat(revoked.revokeGrant("usr_x", T0.plusSeconds(6)).failure().details())
                .containsEntry("grant_status", "revoked");
        assertThat(approved.revokeGrant("usr_x", T0.plus(Duration.ofHours(2))).failure().details())
                .containsEntry("grant_status", "expired");
        assertThat(revoked.isDue(T0.plus(Duration.ofHours(2)))).as("a revoked grant has nothing left to settle").isFalse();
    }

    @Test
    void aFailedApproverLookupFailsTheVote() {
        AccessRequest r = pending(stage("Leads", 1, true));
        Failure outage = Failure.of(Reason.UNAVAILABLE, "down");
        assertThat(r.vote(ada, Decision.Verdict.APPROVED, null, (x, s) -> Result.fail(outage), T0).failure()).isEqualTo(outage);
    }
}
