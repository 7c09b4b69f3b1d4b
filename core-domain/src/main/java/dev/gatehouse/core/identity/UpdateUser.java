package dev.gatehouse.core.identity;

import dev.gatehouse.core.shared.Text;

import dev.gatehouse.core.audit.Auditor;
import dev.gatehouse.core.events.Events;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.Principal;
import dev.gatehouse.core.shared.Result;
import dev.gatehouse.core.shared.Transactions;
import dev.gatehouse.core.shared.UserId;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Changes a user's name: the user themself or a platform admin; anyone else gets not-found (as with
 * {@link GetUser}). A null name changes nothing; nothing is recorded when nothing changes.
 */
public record UpdateUser(Users users, Auditor auditor, Events events, Transactions tx, Clock clock) {
    public record Command(Caller caller, UserId id, String name) {
    }

    public Result<User> handle(Command c) {
        boolean self = c.caller().principal() instanceof Principal.User u && u.userId().equals(c.id());
        if (!self && !c.caller().principal().platformAdmin()) {
            return Result.fail(Failure.notFound("User"));
        }
        String name = c.name() == null ? null : c.name().strip();
        if (name != null && name.length() > User.MAX_NAME_LENGTH) {
            return Result.fail(Failure.invalid(Map.of("name", List.of("must be at most " + User.MAX_NAME_LENGTH + " characters"))));
        }
        var textProblem = Text.singleLineProblem(name);
        if (textProblem.isPresent()) {
            return Result.fail(Failure.invalid("name", textProblem.get()));
        }
        return tx.inTransaction(() -> {
            var found = users.byId(c.id());
            if (found.isEmpty()) {
                return Result.<User>fail(Failure.notFound("User"));
            }
            User before = found.get();
            if (name == null || name.equals(before.name())) {
                return Result.ok(before);
            }
            User after = before.withName(name, clock.instant());
            users.update(after);
            Map<String, Object> changes = new LinkedHashMap<>();
            Auditor.change(changes, "name", before.name(), after.name());
            auditor.record(c.caller(), "user.updated", "user", after.id(), null, changes);
            events.record(new dev.gatehouse.core.events.IdentityEvent.UserUpdated(after.id(), List.of("name")));
            return Result.ok(after);
        });
    }
}
