package dev.gatehouse.core.approvals;

import java.util.function.Function;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.events.Announcer;
import dev.gatehouse.core.events.ApprovalEvent;
import dev.gatehouse.core.shared.AccessRequestId;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Result;
import dev.gatehouse.core.shared.Transactions;

import java.time.Clock;
import java.time.Instant;

/**
 * Applies what time decides: a pending request past its TTL becomes {@code expired}
 * ({@code access_request.expired}); an approved request whose grant ended by itself gets
 * {@code access_grant.expired} recorded once; a permission grant's per-request role and binding are
 * removed, a role grant's relation is left to its expiration (deleting it could delete an assignment
 * of the same role made since, which shares the relationship's identity).
 * Each request is settled under its row lock in its own transaction; run by a scheduled job
 * ({@link #run}) and lazily before a vote or a read ({@link #settle}).
 */
public record SettleAccessRequests(AccessRequests requests, AccessGrants grants, Announcer announcer, Transactions tx,
                                   Clock clock) {
    private static final Caller SYSTEM = Caller.system("access-request-expiry");

    /** Settles up to {@code limit} due requests; returns how many changed. */
    public int run(int limit) {
        Instant now = clock.instant();
        int changed = 0;
        for (AccessRequest r : tx.readOnly(() -> requests.due(now, limit))) {
            if (settle(r.id())) {
                changed++;
            }
        }
        return changed;
    }

    /**
     * Settles the request first (what time decided is applied before anyone acts on it), then runs
     * {@code then} on it under its row lock, in one transaction; not found when there is no such request.
     */
    public <T> Result<T> thenLocked(AccessRequestId id, Function<AccessRequest, Result<T>> then) {
        settle(id);
        return tx.inTransaction(() -> requests.lockById(id).map(then)
                .orElseGet(() -> Result.fail(Failure.notFound("Access request"))));
    }

    /** Settles one request if it is due; returns whether it changed. */
    public boolean settle(AccessRequestId id) {
        Instant now = clock.instant();
        if (tx.readOnly(() -> requests.byId(id)).filter(r -> r.isDue(now)).isEmpty()) {
            return false;
        }
        Result<Boolean> done = tx.inTransaction(() -> {
            var found = requests.lockById(id);
            if (found.isEmpty() || !found.get().isDue(now)) {
                return Result.ok(false);
            }
            AccessRequest r = found.get();
            if (r.state() instanceof RequestState.Pending) {
                AccessRequest expired = r.expire(now).value();
                requests.update(expired);
                announcer.announce(SYSTEM, new ApprovalEvent.Expired(expired.facts()), "access_request", r.id());
                return Result.ok(true);
            }
            AccessRequest recorded = r.recordGrantExpiry(now).value();
            if (!r.access().isRole()) { // the per-request role and binding are this request's alone
                var removed = grants.withdraw(r, ((RequestState.Approved) r.state()).grantExpiresAt());
                if (!removed.isOk()) {
                    return Result.<Boolean>fail(removed.failure());
                }
            }
            requests.update(recorded);
            announcer.announce(SYSTEM, new ApprovalEvent.GrantExpired(recorded.facts()), "access_request", r.id());
            return Result.ok(true);
        });
        return done.isOk() && done.value();
    }
}
