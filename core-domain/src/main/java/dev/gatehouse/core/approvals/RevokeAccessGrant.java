package dev.gatehouse.core.approvals;

import dev.gatehouse.core.shared.Text;

import dev.gatehouse.core.shared.AccessRequestId;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.Result;

import java.time.Instant;
import java.util.Map;

/**
 * Ends an approved request's grant before its expiry: the requester (giving access up) or anyone with
 * {@code access_requests_approve} on the resource. The grant's relationships are deleted and
 * {@code access_grant.revoked} recorded; a request that is not approved, or whose grant already ended,
 * is 409 naming the state.
 */
public final class RevokeAccessGrant {
    public record Command(Caller caller, AccessRequestId id, String reason) {
    }

    private final ApprovalContext ctx;
    private final SettleAccessRequests settle;

    public RevokeAccessGrant(ApprovalContext ctx, SettleAccessRequests settle) {
        this.ctx = ctx;
        this.settle = settle;
    }

    public Result<AccessRequestView> handle(Command c) {
        if (c.reason() != null && c.reason().length() > DecideAccessRequest.MAX_COMMENT_LENGTH) {
            return Result.fail(Failure.invalid("reason", "must be at most " + DecideAccessRequest.MAX_COMMENT_LENGTH + " characters"));
        }
        var textProblem = Text.multiLineProblem(c.reason());
        if (textProblem.isPresent()) {
            return Result.fail(Failure.invalid("reason", textProblem.get()));
        }
        settle.settle(c.id());
        return ctx.tx().inTransaction(() -> {
            var found = ctx.requests().lockById(c.id());
            if (found.isEmpty()) {
                return Result.<AccessRequestView>fail(Failure.notFound("Access request"));
            }
            AccessRequest r = found.get();
            boolean requester = ApprovalContext.user(c.caller()).filter(r.requester()::equals).isPresent();
            if (!requester) {
                var denied = ctx.access().require(c.caller(), r.resource(), "access_requests_approve",
                        "access_requests_read", "Access request");
                if (denied.isPresent()) {
                    return Result.<AccessRequestView>fail(denied.get());
                }
            }
            Instant now = ctx.clock().instant();
            if (!(r.state() instanceof RequestState.Approved a) || !"active".equals(a.grantStatus(now))) {
                var failure = ApprovalContext.invalidState(r, "revoked");
                if (r.state() instanceof RequestState.Approved a2) {
                    failure = failure.withDetail("grant_status", a2.grantStatus(now));
                }
                return Result.<AccessRequestView>fail(failure);
            }
            AccessRequest revoked = r.with(new RequestState.Approved(a.approvedAt(), a.grantExpiresAt(), now,
                    c.caller().principal().id(), a.expiryRecorded()), now);
            var removed = ctx.withdrawGrant(r, a.grantExpiresAt());
            if (!removed.isOk()) {
                return Result.<AccessRequestView>fail(removed.failure());
            }
            ctx.requests().update(revoked);
            String reason = c.reason() == null || c.reason().isBlank() ? null : c.reason().strip();
            ctx.announce(c.caller(), "access_grant.revoked", revoked,
                    reason == null ? Map.of() : Map.of("reason", reason));
            return ctx.view(revoked);
        });
    }
}
