package dev.gatehouse.core.approvals;

import dev.gatehouse.core.shared.AccessRequestId;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.Result;
import dev.gatehouse.core.shared.Transactions;

/** One request, for whoever {@link RequestVisibility} lets see it (else 404). */
public record GetAccessRequest(AccessRequests requests, RequestVisibility visibility, ApproverDirectory approvers,
                               SettleAccessRequests settle, Transactions tx) {
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
