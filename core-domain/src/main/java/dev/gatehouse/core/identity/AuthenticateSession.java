package dev.gatehouse.core.identity;

import dev.gatehouse.core.shared.Principal;
import dev.gatehouse.core.shared.Transactions;
import dev.gatehouse.core.shared.UserId;

import java.util.Optional;

/**
 * The principal a verified session token stands for: its user, while active. Loaded when a token is
 * not in the session cache ({@code sessions.SessionCache}, ADR 0042); deactivating a user drops its
 * entries there, so it ends their sessions at once.
 */
public record AuthenticateSession(Users users, Transactions tx) {
    public Optional<Principal.User> handle(UserId user) {
        return tx.readOnly(() -> users.byId(user))
                .filter(User::active)
                .map(u -> new Principal.User(u.id(), u.email().value(), u.platformAdmin()));
    }
}
