package dev.gatehouse.core.approvals;

import dev.gatehouse.core.shared.AccessRequestId;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.Result;

/** One request, for its requester or anyone with {@code access_requests_read} on its resource (else 404). */
public final class GetAccessRequest {
    private final ApprovalContext ctx;
    private final SettleAccessRequests settle;

    public GetAccessRequest(ApprovalContext ctx, SettleAccessRequests settle) {
        this.ctx = ctx;
        this.settle = settle;
    }

    public Result<AccessRequestView> handle(Caller caller, AccessRequestId id) {
        settle.settle(id);
        return ctx.tx().readOnly(() -> {
            var found = ctx.requests().byId(id);
            if (found.isEmpty()) {
                return Result.<AccessRequestView>fail(Failure.notFound("Access request"));
            }
            var visible = ctx.visible(caller, found.get());
            if (!visible.isOk()) {
                return Result.<AccessRequestView>fail(visible.failure());
            }
            return visible.value() ? ctx.view(found.get()) : Result.<AccessRequestView>fail(Failure.notFound("Access request"));
        });
    }
}
