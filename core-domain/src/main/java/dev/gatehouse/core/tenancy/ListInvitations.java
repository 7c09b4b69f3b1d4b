package dev.gatehouse.core.tenancy;

import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.ListQuery;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Page;
import dev.gatehouse.core.shared.Result;

import java.util.TreeSet;

/** Lists an organization's invitations ({@code members_read}); {@code status} is pending, expired, accepted or revoked. */
public final class ListInvitations {
    /** The sort fields of this list ({@code sort=}). */
    public static final java.util.Set<String> SORTABLE = Invitations.SORTABLE;

    private final TenancyPorts p;

    public ListInvitations(TenancyPorts ports) {
        this.p = ports;
    }

    public Result<Page<Invitation>> handle(Caller caller, OrganizationId id, ListQuery query) {
        if (query.status() != null && !Invitations.STATUSES.contains(query.status())) {
            return Result.fail(Failure.invalid("status", "must be one of: " + String.join(", ", new TreeSet<>(Invitations.STATUSES))));
        }
        return p.tx().readOnly(() -> OrganizationAccess.require(p, caller, id, "members_read")
                .map(org -> p.invitations().list(id, query, p.clock().instant())));
    }
}
