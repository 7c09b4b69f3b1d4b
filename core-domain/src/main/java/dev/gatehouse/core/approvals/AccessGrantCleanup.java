package dev.gatehouse.core.approvals;

import dev.gatehouse.core.lifecycle.Cascade;
import dev.gatehouse.core.lifecycle.Dependent;
import dev.gatehouse.core.lifecycle.Ending;
import dev.gatehouse.core.lifecycle.Scope;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.ListQuery;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.PageRequest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The access requests' part of every lifecycle cascade (ADR 0018), inside the ending's transaction: each
 * active grant beneath the scope has its relationships withdrawn ({@code access_grant.revoked}) and each
 * pending request is cancelled ({@code access_request.cancelled}), both with the cause as the reason
 * ({@code member_removed}, {@code organization_deleted}, {@code project_deleted}, …), so time-boxed access
 * neither outlives what it was granted on (or the membership) nor arrives after it. Beneath a member: the
 * user's requests in that organization; an organization: all of its requests; a project: those on it and
 * on its environments; an environment: those on it.
 */
public final class AccessGrantCleanup implements Dependent {
    private final ApprovalContext ctx;

    public AccessGrantCleanup(ApprovalContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void end(Ending ending) {
        Scope scope = ending.scope();
        if (scope instanceof Scope.Member m) {
            stop(ending, m.organization(), new AccessRequests.Filter(m.user(), null, null));
        } else if (scope instanceof Scope.Organization o) {
            stop(ending, o.organization(), AccessRequests.Filter.none());
        } else if (scope instanceof Scope.Environment e) {
            stop(ending, e.organization(), new AccessRequests.Filter(null, "environment", e.environment().text()));
        } else if (scope instanceof Scope.Project p) {
            stop(ending, p.organization(), new AccessRequests.Filter(null, "project", p.project().text()));
            ctx.environments().ofProject(p.project()).forEach(e ->
                    stop(ending, p.organization(), new AccessRequests.Filter(null, "environment", e.id().text())));
        }
    }

    private void stop(Ending ending, OrganizationId organization, AccessRequests.Filter filter) {
        Caller caller = ending.caller();
        Map<String, Object> reason = Map.of("reason", ending.cause().wire());
        Instant now = ctx.clock().instant();
        for (AccessRequest listed : all(organization, filter, "pending")) {
            var locked = ctx.requests().lockById(listed.id());
            if (locked.isPresent() && locked.get().state() instanceof RequestState.Pending) {
                AccessRequest cancelled = locked.get().with(new RequestState.Cancelled(now), now);
                ctx.requests().update(cancelled);
                ctx.announce(caller, "access_request.cancelled", cancelled, reason);
            }
        }
        for (AccessRequest listed : all(organization, filter, "approved")) {
            var locked = ctx.requests().lockById(listed.id());
            if (locked.isEmpty() || !(locked.get().state() instanceof RequestState.Approved a)
                    || !"active".equals(a.grantStatus(now))) {
                continue;
            }
            AccessRequest r = locked.get();
            // a refusal rolls the ending back: nothing may be left with a grant still in place
            Cascade.orRefuse(ctx.withdrawGrant(r, a.grantExpiresAt()));
            AccessRequest revoked = r.with(new RequestState.Approved(a.approvedAt(), a.grantExpiresAt(), now,
                    caller.principal().id(), a.expiryRecorded()), now);
            ctx.requests().update(revoked);
            ctx.announce(caller, "access_grant.revoked", revoked, reason);
        }
    }

    private List<AccessRequest> all(OrganizationId organization, AccessRequests.Filter filter, String status) {
        List<AccessRequest> out = new ArrayList<>();
        for (int page = 1; ; page++) {
            var query = new ListQuery(new PageRequest(page, PageRequest.MAX_PER_PAGE, List.of()), null, null, null, null, null,
                    status);
            var found = ctx.requests().list(organization, filter, query);
            out.addAll(found.items());
            if (page >= found.lastPage()) {
                return out;
            }
        }
    }
}
