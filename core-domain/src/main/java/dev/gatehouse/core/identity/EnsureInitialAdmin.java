package dev.gatehouse.core.identity;

import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.IdGenerator;
import dev.gatehouse.core.shared.Result;
import dev.gatehouse.core.shared.Transactions;

import java.util.Optional;

/**
 * At start: when no user exists, create the first platform admin from the configured email and
 * password, or with a generated password that the caller prints once. Does nothing when any user
 * exists, so restarts and several instances starting together create at most one admin (the
 * email is unique).
 */
public record EnsureInitialAdmin(Users users, CreateUser createUser, Transactions tx, IdGenerator ids) {
    /** What happened: the admin created (and the generated password, when one was generated). */
    public record Created(User admin, Optional<String> generatedPassword) {
        @Override
        public String toString() {
            return "Created[" + admin + "]";
        }
    }

    /** @return the admin created, empty if users already existed, or a failure for a bad email/password */
    public Result<Optional<Created>> handle(String email, String password) {
        if (tx.readOnly(users::any)) {
            return Result.ok(Optional.empty());
        }
        if (email == null || email.isBlank()) {
            return Result.fail(Failure.invalid("GATEHOUSE_ADMIN_EMAIL", "is required to create the first admin"));
        }
        boolean generate = password == null || password.isEmpty();
        String pw = generate ? ids.randomBase62(24) : password;
        var result = createUser.handle(new CreateUser.Command(Caller.system("initial-admin"), email, pw, "Administrator", true));
        if (!result.isOk()) {
            if (result.failure().reason() == dev.gatehouse.core.shared.Reason.CONFLICT) {
                return Result.ok(Optional.empty()); // another instance won the race
            }
            return Result.fail(result.failure());
        }
        return Result.ok(Optional.of(new Created(result.value(), generate ? Optional.of(pw) : Optional.empty())));
    }
}
