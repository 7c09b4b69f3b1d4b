package dev.gatehouse.core.approvals;

import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.ListQuery;
import dev.gatehouse.core.shared.PageRequest;
import dev.gatehouse.core.tenancy.MemberDependents;
import dev.gatehouse.core.tenancy.Membership;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Ends what a member removed from the organization had going, inside the removal's transaction: each
 * active grant's relationships are withdrawn ({@code access_grant.revoked}) and each pending request
 * is cancelled ({@code access_request.cancelled}), both with reason {@code member_removed}, so
 * time-boxed access neither outlives the membership nor arrives after it.
 */
public final class AccessGrantCleanup implements MemberDependents {
    private final ApprovalContext ctx;

    public AccessGrantCleanup(ApprovalContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void removed(Caller caller, Membership membership) {
        Instant now = ctx.clock().instant();
        var filter = new AccessRequests.Filter(membership.userId(), null, null);
        for (AccessRequest listed : all(membership, filter, "pending")) {
            var locked = ctx.requests().lockById(listed.id());
            if (locked.isPresent() && locked.get().state() instanceof RequestState.Pending) {
                AccessRequest cancelled = locked.get().with(new RequestState.Cancelled(now), now);
                ctx.requests().update(cancelled);
                ctx.announce(caller, "access_request.cancelled", cancelled, Map.of("reason", "member_removed"));
            }
        }
        for (AccessRequest listed : all(membership, filter, "approved")) {
            var locked = ctx.requests().lockById(listed.id());
            if (locked.isEmpty() || !(locked.get().state() instanceof RequestState.Approved a)
                    || !"active".equals(a.grantStatus(now))) {
                continue;
            }
            AccessRequest r = locked.get();
            var withdrawn = ctx.withdrawGrant(r, a.grantExpiresAt());
            if (!withdrawn.isOk()) {
                // rolls the removal back: a member must not leave with a grant still in place
                throw new IllegalStateException("could not withdraw the grant of " + r.id() + ": " + withdrawn.failure().message());
            }
            AccessRequest revoked = r.with(new RequestState.Approved(a.approvedAt(), a.grantExpiresAt(), now,
                    caller.principal().id(), a.expiryRecorded()), now);
            ctx.requests().update(revoked);
            ctx.announce(caller, "access_grant.revoked", revoked, Map.of("reason", "member_removed"));
        }
    }

    private List<AccessRequest> all(Membership membership, AccessRequests.Filter filter, String status) {
        List<AccessRequest> out = new ArrayList<>();
        for (int page = 1; ; page++) {
            var query = new ListQuery(new PageRequest(page, PageRequest.MAX_PER_PAGE, List.of()), null, null, null, null, null,
                    status);
            var found = ctx.requests().list(membership.organizationId(), filter, query);
            out.addAll(found.items());
            if (page >= found.lastPage()) {
                return out;
            }
        }
    }
}
