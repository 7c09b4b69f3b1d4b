package dev.gatehouse.core.identity;

import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.Principal;
import dev.gatehouse.core.shared.Result;
import dev.gatehouse.core.shared.Transactions;
import dev.gatehouse.core.shared.UserId;

/** Reads a user: platform admins read anyone, a user reads themself; anyone else gets not-found. */
public record GetUser(Users users, Transactions tx) {
    public Result<User> handle(Caller caller, UserId id) {
        boolean self = caller.principal() instanceof Principal.User u && u.userId().equals(id);
        if (!self && !caller.principal().platformAdmin()) {
            return Result.fail(Failure.notFound("User"));
        }
        return tx.readOnly(() -> users.byId(id))
                .map(Result::ok)
                .orElseGet(() -> Result.fail(Failure.notFound("User")));
    }
}
