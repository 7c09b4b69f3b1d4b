package dev.gatehouse.core.approvals;

import dev.gatehouse.core.events.Announcer;
import dev.gatehouse.core.events.ApprovalEvent;
import dev.gatehouse.core.lifecycle.Cascade;
import dev.gatehouse.core.lifecycle.Dependent;
import dev.gatehouse.core.lifecycle.Ending;
import dev.gatehouse.core.lifecycle.Scope;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.ListQuery;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.PageRequest;
import dev.gatehouse.core.shared.Result;
import dev.gatehouse.core.tenancy.projects.Environments;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The access requests' part of every lifecycle cascade (ADR 0018), inside the ending's transaction: each
 * active grant beneath the scope has its relationships withdrawn ({@code access_grant.revoked}) and each
 * pending request is cancelled ({@code access_request.cancelled}), both with the cause as the reason
 * ({@code member_removed}, {@code organization_deleted}, {@code project_deleted}, …), so time-boxed access
 * neither outlives what it was granted on (or the membership) nor arrives after it. Beneath a member: the
 * user's requests in that organization; an organization: all of its requests; a project: those on it and
 * on its environments; an environment: those on it.
 */
public record AccessGrantCleanup(AccessRequests requests, Environments environments, AccessGrants grants,
                                 Announcer announcer, Clock clock) implements Dependent {
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
            environments.ofProject(p.project()).forEach(e ->
                    stop(ending, p.organization(), new AccessRequests.Filter(null, "environment", e.id().text())));
        }
    }

    private void stop(Ending ending, OrganizationId organization, AccessRequests.Filter filter) {
        Caller caller = ending.caller();
        String reason = ending.cause().wire();
        Instant now = clock.instant();
        for (AccessRequest listed : all(organization, filter, "pending")) {
            var cancelled = requests.lockById(listed.id()).map(r -> r.cancelBeneath(now)).filter(Result::isOk);
            if (cancelled.isPresent()) {
                requests.update(cancelled.get().value());
                announcer.announce(caller, new ApprovalEvent.Cancelled(cancelled.get().value().facts(), reason),
                        "access_request", listed.id());
            }
        }
        for (AccessRequest listed : all(organization, filter, "approved")) {
            var locked = requests.lockById(listed.id());
            var revoked = locked.map(r -> r.revokeGrant(caller.principal().id(), now)).filter(Result::isOk);
            if (revoked.isEmpty()) {
                continue; // not approved, or its grant already ended
            }
            AccessRequest r = locked.get();
            // a refusal rolls the ending back: nothing may be left with a grant still in place
            Cascade.orRefuse(grants.withdraw(r, ((RequestState.Approved) r.state()).grantExpiresAt()));
            requests.update(revoked.get().value());
            announcer.announce(caller, new ApprovalEvent.GrantRevoked(revoked.get().value().facts(), reason),
                    "access_request", listed.id());
        }
    }

    private List<AccessRequest> all(OrganizationId organization, AccessRequests.Filter filter, String status) {
        List<AccessRequest> out = new ArrayList<>();
        for (int page = 1; ; page++) {
            var query = new ListQuery(new PageRequest(page, PageRequest.MAX_PER_PAGE, List.of()), null, null, null, null, null,
                    status);
            var found = requests.list(organization, filter, query);
            out.addAll(found.items());
            if (page >= found.lastPage()) {
                return out;
            }
        }
    }
}
