package dev.gatehouse.core.approvals;

import dev.gatehouse.core.shared.AccessRequestId;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Result;

import java.time.Instant;
import java.util.Map;

/**
 * Applies what time decides: a pending request past its TTL becomes {@code expired}
 * ({@code access_request.expired}); an approved request whose grant ended by itself gets
 * {@code access_grant.expired} recorded once; a permission grant's per-request role and binding are
 * removed, a role grant's relation is left to its expiration (deleting it could delete an assignment
 * of the same role made since, which shares the relationship's identity).
 * Each request is settled under its row lock in its own transaction; run by a scheduled job
 * ({@link #run}) and lazily before a vote or a read ({@link #settle}).
 */
public final class SettleAccessRequests {
    private static final Caller SYSTEM = Caller.system("access-request-expiry");
    private final ApprovalContext ctx;

    public SettleAccessRequests(ApprovalContext ctx) {
        this.ctx = ctx;
    }

    /** Settles up to {@code limit} due requests; returns how many changed. */
    public int run(int limit) {
        Instant now = ctx.clock().instant();
        int changed = 0;
        for (AccessRequest r : ctx.tx().readOnly(() -> ctx.requests().due(now, limit))) {
            if (settle(r.id())) {
                changed++;
            }
        }
        return changed;
    }

    /** Whether the request is due at {@code now}. */
    static boolean due(AccessRequest r, Instant now) {
        if (r.state() instanceof RequestState.Pending p) {
            return p.overdueAt(now);
        }
        return r.state() instanceof RequestState.Approved a && a.revokedAt() == null && !a.expiryRecorded()
                && !now.isBefore(a.grantExpiresAt());
    }

    /** Settles one request if it is due; returns whether it changed. */
    public boolean settle(AccessRequestId id) {
        Instant now = ctx.clock().instant();
        if (ctx.tx().readOnly(() -> ctx.requests().byId(id)).filter(r -> due(r, now)).isEmpty()) {
            return false;
        }
        Result<Boolean> done = ctx.tx().inTransaction(() -> {
            var found = ctx.requests().lockById(id);
            if (found.isEmpty() || !due(found.get(), now)) {
                return Result.ok(false);
            }
            AccessRequest r = found.get();
            if (r.state() instanceof RequestState.Pending) {
                AccessRequest expired = r.with(new RequestState.Expired(now), now);
                ctx.requests().update(expired);
                ctx.announce(SYSTEM, "access_request.expired", expired, Map.of());
                return Result.ok(true);
            }
            RequestState.Approved a = (RequestState.Approved) r.state();
            AccessRequest recorded = r.with(new RequestState.Approved(a.approvedAt(), a.grantExpiresAt(), null, null, true), now);
            if (!r.access().isRole()) { // the per-request role and binding are this request's alone
                var removed = ctx.withdrawGrant(r, a.grantExpiresAt());
                if (!removed.isOk()) {
                    return Result.<Boolean>fail(removed.failure());
                }
            }
            ctx.requests().update(recorded);
            ctx.announce(SYSTEM, "access_grant.expired", recorded, Map.of());
            return Result.ok(true);
        });
        return done.isOk() && done.value();
    }
}
