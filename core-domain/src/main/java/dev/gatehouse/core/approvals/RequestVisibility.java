package dev.gatehouse.core.approvals;

import dev.gatehouse.core.authorization.AccessControl;
import dev.gatehouse.core.authorization.Authorizer;
import dev.gatehouse.core.authorization.Permissionship;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.Principal;
import dev.gatehouse.core.shared.Result;
import dev.gatehouse.core.shared.UserId;

import java.util.Objects;
import java.util.Optional;

/**
 * Whether a caller may see a request: its requester, anyone with {@code access_requests_read} on its
 * resource (which includes every organization member), the approvers of a pending request's current
 * stage, and platform admins. Everyone else gets 404 from the use cases.
 */
public record RequestVisibility(Authorizer authorizer, ApproverDirectory approvers) {
    public RequestVisibility {
        Objects.requireNonNull(authorizer, "authorizer");
        Objects.requireNonNull(approvers, "approvers");
    }

    /** The caller's user id; empty for API keys and the system. */
    public static Optional<UserId> user(Caller caller) {
        return caller.principal() instanceof Principal.User u ? Optional.of(u.userId()) : Optional.empty();
    }

    /** Empty when the caller may see the request; otherwise the failure to answer with (not found, or why it could not be told). */
    public Optional<Failure> refusal(Caller caller, AccessRequest r) {
        var visible = visible(caller, r);
        if (!visible.isOk()) {
            return Optional.of(visible.failure());
        }
        return visible.value() ? Optional.empty() : Optional.of(Failure.notFound("Access request"));
    }

    public Result<Boolean> visible(Caller caller, AccessRequest r) {
        if (caller.principal().platformAdmin()) {
            return Result.ok(true);
        }
        if (user(caller).filter(r.requester()::equals).isPresent()) {
            return Result.ok(true);
        }
        var subject = AccessControl.subject(caller.principal());
        if (subject.isEmpty()) {
            return Result.ok(false);
        }
        var readable = authorizer.check(r.resource(), "access_requests_read", subject.get());
        if (!readable.isOk() || readable.value() == Permissionship.HAS_PERMISSION
                || !(r.state() instanceof RequestState.Pending p)) {
            return readable.map(x -> x == Permissionship.HAS_PERMISSION);
        }
        // an approver named in the current stage sees the request even without a role in the organization
        return approvers.of(r, p.stage()).map(all -> all.contains(subject.get().id()));
    }
}
