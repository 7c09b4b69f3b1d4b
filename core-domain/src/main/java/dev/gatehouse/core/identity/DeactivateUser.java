package dev.gatehouse.core.identity;

import dev.gatehouse.core.audit.Auditor;
import dev.gatehouse.core.events.Events;
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
 * once (every request re-reads the user). Admins cannot deactivate themselves, so an instance is
 * never locked out by accident. Deactivating a deactivated user changes nothing.
 */
public final class DeactivateUser {
    private final Users users;
    private final Auditor auditor;
    private final Events events;
    private final Transactions tx;
    private final Clock clock;

    public DeactivateUser(Users users, Auditor auditor, Events events, Transactions tx, Clock clock) {
        this.users = users;
        this.auditor = auditor;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
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
        return tx.inTransaction(() -> {
            var found = users.byId(id);
            if (found.isEmpty()) {
                return Result.<User>fail(Failure.notFound("User"));
            }
            if (!found.get().active()) {
                return Result.ok(found.get());
            }
            User after = found.get().deactivated(clock.instant());
            users.update(after);
            auditor.record(caller, "user.deactivated", "user", id, null,
                    Map.of("status", Map.of("before", "active", "after", "deactivated")));
            events.record("user.deactivated", null, Map.of("user_id", id.text()));
            return Result.ok(after);
        });
    }
}
