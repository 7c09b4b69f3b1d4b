package dev.gatehouse.core.approvals;

import dev.gatehouse.core.shared.Text;

import dev.gatehouse.core.authorization.AccessControl;
import dev.gatehouse.core.authorization.Authorizer;
import dev.gatehouse.core.events.Announcer;
import dev.gatehouse.core.events.ApprovalEvent;
import dev.gatehouse.core.shared.IdGenerator;
import dev.gatehouse.core.shared.Transactions;
import dev.gatehouse.core.authorization.Permissionship;
import dev.gatehouse.core.shared.AccessRequestId;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.Reason;
import dev.gatehouse.core.shared.Result;
import dev.gatehouse.core.shared.UserId;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Submits a request ({@code access_requests_write} on the resource; users only). The most specific
 * matching policy ({@link Policy#PRECEDENCE}) decides: none → 422; a duration above its maximum or a
 * missing required reason → 422; auto-approval grants at once. A requester who already holds the
 * access, or has an open request for it, gets 409. Request, grant, audit and events commit together.
 */
public record SubmitAccessRequest(AccessRequests requests, AccessPolicies policies, Workflows workflows,
                                  RequestTargets targets, Authorizer authorizer, AccessGrants grants,
                                  ApproverDirectory approvers, Announcer announcer, Transactions tx, Clock clock,
                                  IdGenerator ids) {
    /**
     * @param durationMinutes null for the policy's maximum
     * @param requesterId     the body's {@code requester_id}, if any: it must be the caller
     */
    public record Command(Caller caller, String resourceType, String resourceId, String role, String permission,
                          Integer durationMinutes, String reason, String requesterId) {
    }

    public Result<AccessRequestView> handle(Command c) {
        Optional<UserId> requester = RequestVisibility.user(c.caller());
        if (requester.isEmpty()) {
            return Result.fail(Failure.forbidden("Access requests are made by users, not API keys."));
        }
        if (c.requesterId() != null && !c.requesterId().equals(requester.get().text())) {
            return Result.fail(Failure.forbidden("requester_id must be the authenticated user; you request access for yourself only."));
        }
        var access = RequestedAccess.parse(c.role(), c.permission());
        if (!access.isOk()) {
            return Result.fail(access.failure());
        }
        if (c.durationMinutes() != null && c.durationMinutes() < 1) {
            return Result.fail(Failure.invalid("duration_minutes", "must be at least 1"));
        }
        if (c.reason() != null && c.reason().length() > AccessRequest.MAX_REASON_LENGTH) {
            return Result.fail(Failure.invalid("reason", "must be at most " + AccessRequest.MAX_REASON_LENGTH + " characters"));
        }
        var textProblem = Text.multiLineProblem(c.reason());
        if (textProblem.isPresent()) {
            return Result.fail(Failure.invalid("reason", textProblem.get()));
        }
        return tx.inTransaction(() -> submit(c, requester.get(), access.value()));
    }

    private Result<AccessRequestView> submit(Command c, UserId requester, RequestedAccess access) {
        var target = targets.resolve(c.resourceType(), c.resourceId());
        if (!target.isOk()) {
            return Result.fail(target.failure());
        }
        var t = target.value();
        var denied = new AccessControl(authorizer).require(c.caller(), t.ref(), "access_requests_write", t.viewPermission(), t.what());
        if (denied.isPresent()) {
            return Result.fail(denied.get());
        }
        Optional<Policy> policy = policies.ofOrganization(t.organization()).stream()
                .filter(p -> p.matches(t.ref(), t.kind(), access)).min(Policy.PRECEDENCE);
        if (policy.isEmpty()) {
            return Result.fail(new Failure(Reason.VALIDATION, "No approval policy of this organization covers a request for "
                    + access + " on this " + t.ref().type() + ", so it cannot be requested.",
                    Map.of("policy", List.of("no policy matches this request")), Map.of()));
        }
        Policy p = policy.get();
        Duration duration = c.durationMinutes() == null ? p.maxDuration() : Duration.ofMinutes(c.durationMinutes());
        if (duration.compareTo(p.maxDuration()) > 0) {
            return Result.fail(Failure.invalid("duration_minutes", "must be at most " + p.maxDuration().toMinutes()
                    + " (the policy's maximum)"));
        }
        String reason = c.reason() == null || c.reason().isBlank() ? null : c.reason().strip();
        if (p.reasonRequired() && reason == null) {
            return Result.fail(Failure.invalid("reason", "is required by the policy"));
        }
        Workflow workflow = null;
        if (!p.autoApprove()) {
            workflow = p.workflowId() == null ? null : workflows.byId(p.workflowId()).orElse(null);
            if (workflow == null || workflow.stages().isEmpty()) {
                return Result.fail(Failure.invalid("policy", "the matching policy has no usable workflow"));
            }
        }
        Instant now = clock.instant();
        var subject = AccessControl.subject(c.caller().principal()).orElseThrow();
        String relation = access.isRole() ? access.role() : access.schemaPermission();
        var held = authorizer.check(t.ref(), relation, subject);
        if (!held.isOk()) {
            return Result.fail(held.failure());
        }
        if (held.value() == Permissionship.HAS_PERMISSION) {
            return Result.fail(Failure.conflict("You already hold " + access + " on this " + t.ref().type() + "."));
        }
        if (requests.hasOpen(requester, t.ref().type(), t.ref().id(), access, now)) {
            return Result.fail(Failure.conflict("You already have a pending or active request for " + access
                    + " on this " + t.ref().type() + "."));
        }
        AccessRequest r = new AccessRequest(new AccessRequestId(ids.newId()), t.organization(), requester, t.ref(),
                t.kind(), access, duration, reason, p.id(), workflow == null ? null : workflow.id(),
                workflow == null ? List.of() : workflow.stages(), List.of(),
                new RequestState.Pending(0, now.plus(p.pendingTtl())), now, now);
        requests.add(r);
        announcer.announce(c.caller(), new ApprovalEvent.Submitted(r.facts(), p.id(), reason), "access_request", r.id());
        if (p.autoApprove()) {
            var approved = r.autoApprove(now);
            if (!approved.isOk()) {
                return Result.fail(approved.failure());
            }
            var written = grants.write(approved.value(), now.plus(duration));
            if (!written.isOk()) {
                return Result.fail(written.failure());
            }
            requests.update(approved.value());
            announcer.announce(c.caller(), new ApprovalEvent.Approved(approved.value().facts(), null, true), "access_request",
                    r.id());
            r = approved.value();
        }
        return approvers.view(r);
    }
}
