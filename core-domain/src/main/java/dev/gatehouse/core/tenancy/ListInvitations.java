package dev.gatehouse.core.tenancy;

import dev.gatehouse.core.platform.Platform;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.ListQuery;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Page;
import dev.gatehouse.core.shared.Result;

import java.util.TreeSet;

/** Lists an organization's invitations ({@code members_read}); {@code status} is pending, expired, accepted or revoked. */
public record ListInvitations(Invitations invitations, OrganizationGuard guard, Platform p) {
    /** The sort fields of this list ({@code sort=}). */
    public static final java.util.Set<String> SORTABLE = Invitations.SORTABLE;

    public Result<Page<Invitation>> handle(Caller caller, OrganizationId id, ListQuery query) {
        if (query.status() != null && !Invitations.STATUSES.contains(query.status())) {
            return Result.fail(Failure.invalid("status", "must be one of: " + String.join(", ", new TreeSet<>(Invitations.STATUSES))));
        }
        return p.transactions().readOnly(() -> guard.require(caller, id, "members_read")
                .map(org -> invitations.list(id, query, p.clock().instant())));
    }
}
