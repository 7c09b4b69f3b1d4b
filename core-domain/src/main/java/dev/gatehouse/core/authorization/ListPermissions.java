package dev.gatehouse.core.authorization;

import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.Principal;
import dev.gatehouse.core.shared.Reason;
import dev.gatehouse.core.shared.Result;

import java.util.List;

/** The permission catalog (every scope, its schema permission and least built-in role): any authenticated caller. */
public final class ListPermissions {

    public Result<List<PermissionCatalog.Entry>> handle(Caller caller) {
        if (caller.principal() instanceof Principal.Anonymous) {
            return Result.fail(Failure.of(Reason.UNAUTHENTICATED, "Authentication is required."));
        }
        return Result.ok(PermissionCatalog.entries());
    }
}
