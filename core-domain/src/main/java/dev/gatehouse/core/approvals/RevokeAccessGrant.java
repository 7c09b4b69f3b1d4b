package dev.gatehouse.core.approvals;

import dev.gatehouse.core.authorization.AccessControl;
import dev.gatehouse.core.events.Announcer;
import dev.gatehouse.core.events.ApprovalEvent;
import dev.gatehouse.core.shared.AccessRequestId;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.Result;
import dev.gatehouse.core.shared.Text;
import dev.gatehouse.core.shared.Transactions;

import java.time.Clock;
import java.time.Instant;

/**
 * Ends an approved request's grant before its expiry: the requester (giving access up) or anyone with
 * {@code access_requests_approve} on the resource. The grant's relationships are deleted and
 * {@code access_grant.revoked} recorded; a request that is not approved, or whose grant already ended,
 * is 409 naming the state ({@link AccessRequest#revokeGrant}).
 */
public final class RevokeAccessGrant {
    public record Command(Caller caller, AccessRequestId id, String reason) {
    }

    private final AccessRequests requests;
    private final AccessControl access;
    private final ApproverDirectory approvers;
    private final AccessGrants grants;
    private final Announcer announcer;
    private final SettleAccessRequests settle;
    private final Transactions tx;
    private final Clock clock;

    public RevokeAccessGrant(AccessRequests requests, AccessControl access, ApproverDirectory approvers, AccessGrants grants,
                             Announcer announcer, SettleAccessRequests settle, Transactions tx, Clock clock) {
        this.requests = requests;
        this.access = access;
        this.approvers = approvers;
        this.grants = grants;
        this.announcer = announcer;
        this.settle = settle;
        this.tx = tx;
        this.clock = clock;
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
        return tx.inTransaction(() -> {
            var found = requests.lockById(c.id());
            if (found.isEmpty()) {
                return Result.<AccessRequestView>fail(Failure.notFound("Access request"));
            }
            AccessRequest r = found.get();
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
