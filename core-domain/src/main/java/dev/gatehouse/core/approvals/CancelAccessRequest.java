package dev.gatehouse.core.approvals;

import dev.gatehouse.core.shared.AccessRequestId;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.Result;

import java.time.Instant;
import java.util.Map;

/**
 * The requester withdraws a pending request (anyone else: 403; not pending: 409 naming the state),
 * under the request's row lock, so a cancellation racing the last approval either wins or finds the
 * request approved.
 */
public final class CancelAccessRequest {
    /** @param actorId the body's {@code actor_id}/{@code requester_id}, if any: it must be the caller */
    public record Command(Caller caller, AccessRequestId id, String actorId) {
    }

    private final ApprovalContext ctx;
    private final SettleAccessRequests settle;

    public CancelAccessRequest(ApprovalContext ctx, SettleAccessRequests settle) {
        this.ctx = ctx;
        this.settle = settle;
    }

    public Result<AccessRequestView> handle(Command c) {
        var me = ApprovalContext.user(c.caller());
        if (c.actorId() != null && me.map(u -> !u.text().equals(c.actorId())).orElse(true)) {
            return Result.fail(Failure.forbidden("actor_id must be the authenticated user."));
        }
        settle.settle(c.id());
        return ctx.tx().inTransaction(() -> {
            var found = ctx.requests().lockById(c.id());
            if (found.isEmpty()) {
                return Result.<AccessRequestView>fail(Failure.notFound("Access request"));
            }
            AccessRequest r = found.get();
            var visible = ctx.visible(c.caller(), r);
            if (!visible.isOk()) {
                return Result.<AccessRequestView>fail(visible.failure());
            }
            if (!visible.value()) {
                return Result.<AccessRequestView>fail(Failure.notFound("Access request"));
            }
            if (me.filter(r.requester()::equals).isEmpty()) {
                return Result.<AccessRequestView>fail(Failure.forbidden("Only the requester can cancel an access request."));
            }
            Instant now = ctx.clock().instant();
            if (!(r.state() instanceof RequestState.Pending p)) {
                return Result.<AccessRequestView>fail(ApprovalContext.invalidState(r, "cancelled"));
            }
            if (p.overdueAt(now)) {
                return Result.<AccessRequestView>fail(ApprovalContext.invalidState(r.with(new RequestState.Expired(now), now), "cancelled"));
            }
            AccessRequest cancelled = r.with(new RequestState.Cancelled(now), now);
            ctx.requests().update(cancelled);
            ctx.announce(c.caller(), "access_request.cancelled", cancelled, Map.of());
            return ctx.view(cancelled);
        });
    }
}
