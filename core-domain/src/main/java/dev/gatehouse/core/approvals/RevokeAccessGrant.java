package dev.gatehouse.core.approvals;

import dev.gatehouse.core.authorization.AccessControl;
import dev.gatehouse.core.events.Announcer;
import dev.gatehouse.core.events.ApprovalEvent;
import dev.gatehouse.core.shared.AccessRequestId;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Result;

import java.time.Clock;
import java.time.Instant;

/**
 * Ends an approved request's grant before its expiry: the requester (giving access up) or anyone with
 * {@code access_requests_approve} on the resource. The grant's relationships are deleted and
 * {@code access_grant.revoked} recorded; a request that is not approved, or whose grant already ended,
 * is 409 naming the state ({@link AccessRequest#revokeGrant}).
 */
public record RevokeAccessGrant(AccessRequests requests, AccessControl access, ApproverDirectory approvers,
                                AccessGrants grants, Announcer announcer, SettleAccessRequests settle, Clock clock) {
    public record Command(Caller caller, AccessRequestId id, String reason) {
    }

    public Result<AccessRequestView> handle(Command c) {
        var badReason = DecideAccessRequest.commentProblem("reason", c.reason());
        if (badReason.isPresent()) {
            return Result.fail(badReason.get());
        }
        return settle.thenLocked(c.id(), r -> {
            boolean requester = RequestVisibility.user(c.caller()).filter(r.requester()::equals).isPresent();
            if (!requester) {
                var denied = access.require(c.caller(), r.resource(), "access_requests_approve",
                        "access_requests_read", "Access request");
                if (denied.isPresent()) {
                    return Result.<AccessRequestView>fail(denied.get());
                }
            }
            Instant now = clock.instant();
            var revoked = r.revokeGrant(c.caller().principal().id(), now);
            if (!revoked.isOk()) {
                return Result.<AccessRequestView>fail(revoked.failure());
            }
            var removed = grants.withdraw(r, ((RequestState.Approved) r.state()).grantExpiresAt());
            if (!removed.isOk()) {
                return Result.<AccessRequestView>fail(removed.failure());
            }
            requests.update(revoked.value());
            String reason = c.reason() == null || c.reason().isBlank() ? null : c.reason().strip();
            announcer.announce(c.caller(), new ApprovalEvent.GrantRevoked(revoked.value().facts(), reason), "access_request",
                    r.id());
            return approvers.view(revoked.value());
        });
    }
}
