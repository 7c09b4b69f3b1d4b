package dev.gatehouse.core.identity;

import dev.gatehouse.core.shared.Text;

import dev.gatehouse.core.audit.Auditor;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.IdGenerator;
import dev.gatehouse.core.shared.Result;
import dev.gatehouse.core.shared.Transactions;
import dev.gatehouse.core.shared.UserId;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A platform admin creates a user (sign-up is by invitation or by an admin). */
public record CreateUser(Users users, PasswordHasher hasher, Auditor auditor, Transactions tx, Clock clock,
                         IdGenerator ids) {
    public record Command(Caller caller, String email, String password, String name, boolean platformAdmin) {
        @Override
        public String toString() {
            return "CreateUser.Command[" + email + ", admin=" + platformAdmin + "]"; // never the password
        }
    }

    public Result<User> handle(Command c) {
        if (!c.caller().principal().platformAdmin()) {
            return Result.fail(Failure.forbidden("Only platform admins create users."));
        }
        Map<String, List<String>> errors = new LinkedHashMap<>();
        var email = Email.parse(c.email());
        if (email.isEmpty()) {
            errors.put("email", List.of(c.email() == null ? "is required" : "is not a valid email address"));
        }
        PasswordPolicy.problem(c.password()).ifPresent(p -> errors.put("password", List.of(p)));
        String name = c.name() == null ? "" : c.name().strip();
        if (name.length() > User.MAX_NAME_LENGTH) {
            errors.put("name", List.of("must be at most " + User.MAX_NAME_LENGTH + " characters"));
        }
        Text.singleLineProblem(name).ifPresent(p -> errors.put("name", List.of(p)));
        if (!errors.isEmpty()) {
            return Result.fail(Failure.invalid(errors));
        }
        // Hash outside the transaction: it is deliberately slow.
        String hash = hasher.hash(c.password().toCharArray());
        return tx.inTransaction(() -> {
            var now = clock.instant();
            User user = User.create(new UserId(ids.newId()), email.get(), name, hash, c.platformAdmin(), now);
            if (!users.add(user)) {
                return Result.<User>fail(Failure.conflict("A user with this email already exists."));
            }
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("email", user.email().value());
            summary.put("name", user.name());
            summary.put("platform_admin", user.platformAdmin());
            auditor.record(c.caller(), "user.created", "user", user.id(), null, summary);
            return Result.ok(user);
        });
    }
}
