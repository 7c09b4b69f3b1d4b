package dev.gatehouse.core.approvals;

import dev.gatehouse.core.events.Announcer;
import dev.gatehouse.core.events.ApprovalEvent;
import dev.gatehouse.core.shared.AccessRequestId;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.Result;

import java.time.Clock;

/**
 * The requester withdraws a pending request ({@link AccessRequest#cancel}: anyone else 403; not pending
 * 409 naming the state), under the request's row lock, so a cancellation racing the last approval
 * either wins or finds the request approved.
 */
public record CancelAccessRequest(AccessRequests requests, RequestVisibility visibility, ApproverDirectory approvers,
                                  Announcer announcer, SettleAccessRequests settle, Clock clock) {
    /** @param actorId the body's {@code actor_id}/{@code requester_id}, if any: it must be the caller */
    public record Command(Caller caller, AccessRequestId id, String actorId) {
    }

    public Result<AccessRequestView> handle(Command c) {
        var me = RequestVisibility.user(c.caller());
        if (c.actorId() != null && me.map(u -> !u.text().equals(c.actorId())).orElse(true)) {
            return Result.fail(Failure.forbidden("actor_id must be the authenticated user."));
        }
        return settle.thenLocked(c.id(), r -> {
            var hidden = visibility.refusal(c.caller(), r);
            if (hidden.isPresent()) {
                return Result.<AccessRequestView>fail(hidden.get());
            }
            var cancelled = r.cancel(me.orElse(null), clock.instant());
            if (!cancelled.isOk()) {
                return Result.<AccessRequestView>fail(cancelled.failure());
            }
            requests.update(cancelled.value());
            announcer.announce(c.caller(), new ApprovalEvent.Cancelled(cancelled.value().facts(), null), "access_request", r.id());
            return approvers.view(cancelled.value());
        });
    }
}
