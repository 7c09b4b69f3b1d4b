package dev.gatehouse.core.tenancy;

import dev.gatehouse.core.identity.Users;
import dev.gatehouse.core.shared.Transactions;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.ListQuery;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Page;
import dev.gatehouse.core.shared.Result;

/** Lists an organization's members with their email, name and role ({@code members_read}); {@code status} filters by role. */
public record ListMembers(Memberships memberships, Users users, OrganizationGuard guard, Transactions tx) {
    /** The sort fields of this list ({@code sort=}). */
    public static final java.util.Set<String> SORTABLE = Memberships.SORTABLE;

    public Result<Page<Member>> handle(Caller caller, OrganizationId id, ListQuery query) {
        if (query.status() != null) {
            var role = Role.parse(query.status(), "status");
            if (!role.isOk()) {
                return Result.fail(Failure.invalid("status", "must be one of: owner, admin, member, viewer"));
            }
        }
        return tx.readOnly(() -> guard.require(caller, id, "members_read")
                .map(org -> memberships.list(id, query).map(m -> Member.load(users, m))));
    }
}
