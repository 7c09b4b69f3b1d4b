package dev.gatehouse.core.identity;

import dev.gatehouse.core.audit.Auditor;
import dev.gatehouse.core.events.Events;
import dev.gatehouse.core.lifecycle.Cascade;
import dev.gatehouse.core.lifecycle.Cause;
import dev.gatehouse.core.lifecycle.Ending;
import dev.gatehouse.core.lifecycle.Scope;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.Principal;
import dev.gatehouse.core.shared.Reason;
import dev.gatehouse.core.shared.Result;
import dev.gatehouse.core.shared.Transactions;
import dev.gatehouse.core.shared.UserId;

import java.time.Clock;
import java.util.Map;

/**
 * A platform admin deactivates a user: they can no longer log in, and their sessions stop working at
 * once, on every instance (every request re-reads the user). In the same transaction the
 * {@link Cascade} takes them out of every organization (cause {@code user_deactivated}: seats given
 * back, role assignments removed, grants revoked, pending requests cancelled). API keys they created
 * stay: keys belong to their organization or project (ADR 0018). Admins cannot deactivate themselves,
 * so an instance is never locked out by accident. Deactivating a deactivated user changes nothing.
 */
public record DeactivateUser(Users users, Auditor auditor, Events events, Transactions tx, Clock clock,
                             Cascade cascade) {
    public DeactivateUser(Users users, Auditor auditor, Events events, Transactions tx, Clock clock) {
        this(users, auditor, events, tx, clock, new Cascade());
    }

    public Result<User> handle(Caller caller, UserId id) {
        boolean self = caller.principal() instanceof Principal.User u && u.userId().equals(id);
        if (!caller.principal().platformAdmin()) {
            return self ? Result.fail(Failure.forbidden("Only platform admins deactivate users."))
                    : Result.fail(Failure.notFound("User"));
        }
        if (self) {
            return Result.fail(Failure.of(Reason.INVALID_STATE, "You cannot deactivate yourself."));
        }
        Ending ending = new Ending(caller, new Scope.User(id), Cause.USER_DEACTIVATED, clock.instant());
        boolean[] changed = {false};
        Result<User> done = tx.inTransaction(() -> {
            var found = users.byId(id);
            if (found.isEmpty()) {
                return Result.<User>fail(Failure.notFound("User"));
            }
            if (!found.get().active()) {
                return Result.ok(found.get());
            }
            User after = found.get().deactivated(ending.at());
            users.update(after);
            var beneath = cascade.run(ending);
            if (!beneath.isOk()) {
                return Result.<User>fail(beneath.failure());
            }
            changed[0] = true;
            auditor.record(caller, "user.deactivated", "user", id, null,
                    Map.of("status", Map.of("before", "active", "after", "deactivated")));
            events.record(new dev.gatehouse.core.events.IdentityEvent.UserDeactivated(id));
            return Result.ok(after);
        });
        if (done.isOk() && changed[0]) {
            cascade.settle(ending);
        }
        return done;
    }
}
