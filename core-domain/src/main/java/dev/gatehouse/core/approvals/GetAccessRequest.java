package dev.gatehouse.core.approvals;

import dev.gatehouse.core.shared.AccessRequestId;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.Result;
import dev.gatehouse.core.shared.Transactions;

/** One request, for whoever {@link RequestVisibility} lets see it (else 404). */
public final class GetAccessRequest {
    private final AccessRequests requests;
    private final RequestVisibility visibility;
    private final ApproverDirectory approvers;
    private final SettleAccessRequests settle;
    private final Transactions tx;

    public GetAccessRequest(AccessRequests requests, RequestVisibility visibility, ApproverDirectory approvers,
                            SettleAccessRequests settle, Transactions tx) {
        this.requests = requests;
        this.visibility = visibility;
        this.approvers = approvers;
        this.settle = settle;
        this.tx = tx;
    }

    public Result<AccessRequestView> handle(Caller caller, AccessRequestId id) {
        settle.settle(id);
        return tx.readOnly(() -> {
            var found = requests.byId(id);
            if (found.isEmpty()) {
                return Result.<AccessRequestView>fail(Failure.notFound("Access request"));
            }
            return visibility.refusal(caller, found.get()).<Result<AccessRequestView>>map(Result::fail)
                    .orElseGet(() -> approvers.view(found.get()));
        });
    }
}
