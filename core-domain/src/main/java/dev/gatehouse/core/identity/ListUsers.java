package dev.gatehouse.core.identity;

import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.ListQuery;
import dev.gatehouse.core.shared.Page;
import dev.gatehouse.core.shared.Result;
import dev.gatehouse.core.shared.Transactions;

/** Platform admins list and search users. */
public record ListUsers(Users users, Transactions tx) {
    /** The sort fields of this list ({@code sort=}). */
    public static final java.util.Set<String> SORTABLE = Users.SORTABLE;

    public Result<Page<User>> handle(Caller caller, ListQuery query) {
        if (!caller.principal().platformAdmin()) {
            return Result.fail(Failure.forbidden("Only platform admins list users."));
        }
        if (query.status() != null && !query.status().equals("active") && !query.status().equals("deactivated")) {
            return Result.fail(Failure.invalid("status", "must be one of: active, deactivated"));
        }
        return Result.ok(tx.readOnly(() -> users.list(query)));
    }
}
