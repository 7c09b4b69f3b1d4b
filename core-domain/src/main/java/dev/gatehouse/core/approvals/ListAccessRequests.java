package dev.gatehouse.core.approvals;

import dev.gatehouse.core.authorization.AccessControl;
import dev.gatehouse.core.authorization.ObjectRef;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.ListQuery;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Page;
import dev.gatehouse.core.shared.Result;
import dev.gatehouse.core.shared.Transactions;
import dev.gatehouse.core.shared.UserId;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * An organization's requests ({@code access_requests_read} on it), filtered by requester, status and
 * resource. Statuses are the stored ones: a pending request past its TTL lists as pending until the
 * expiry job (or a read of it) marks it expired.
 */
public record ListAccessRequests(AccessRequests requests, AccessControl access, ApproverDirectory approvers,
                                 Transactions tx) {
    /** The sort fields of this list ({@code sort=}). */
    public static final java.util.Set<String> SORTABLE = AccessRequests.SORTABLE;

    public static final Set<String> STATUSES = Set.of("pending", "approved", "rejected", "cancelled", "expired");

    public record Command(Caller caller, OrganizationId organization, String requester, String resourceType,
                          String resourceId, ListQuery query) {
    }

    public Result<Page<AccessRequestView>> handle(Command c) {
        if (c.organization() == null) {
            return Result.fail(Failure.invalid("organization_id", "is required"));
        }
        if (c.query().status() != null && !STATUSES.contains(c.query().status())) {
            return Result.fail(Failure.invalid("status", "must be one of: pending, approved, rejected, cancelled, expired"));
        }
        if (c.resourceType() != null && !RequestTargets.RESOURCE_TYPES.contains(c.resourceType())) {
            return Result.fail(Failure.invalid("resource_type", "must be one of: organization, project, environment"));
        }
        UserId requester = null;
        if (c.requester() != null) {
            var parsed = UserId.parse(c.requester());
            if (parsed.isEmpty()) {
                return Result.fail(Failure.invalid("requester", "must be a user id (usr_…)"));
            }
            requester = parsed.get();
        }
        UserId who = requester;
        return tx.readOnly(() -> {
            var denied = access.require(c.caller(), new ObjectRef("organization", c.organization().text()),
                    "access_requests_read", "organizations_read", "Organization");
            if (denied.isPresent()) {
                return Result.<Page<AccessRequestView>>fail(denied.get());
            }
            Page<AccessRequest> page = requests.list(c.organization(),
                    new AccessRequests.Filter(who, c.resourceType(), c.resourceId()), c.query());
            List<AccessRequestView> views = new ArrayList<>();
            for (AccessRequest r : page.items()) {
                var v = approvers.view(r);
                if (!v.isOk()) {
                    return Result.<Page<AccessRequestView>>fail(v.failure());
                }
                views.add(v.value());
            }
            return Result.ok(new Page<>(views, page.page(), page.perPage(), page.total()));
        });
    }
}
