package dev.gatehouse.core.identity;

import dev.gatehouse.core.shared.Principal;
import dev.gatehouse.core.shared.Transactions;
import dev.gatehouse.core.shared.UserId;

import java.util.Optional;

/**
 * The principal a verified session token stands for: its user, while active. The user is loaded on
 * every request, so deactivating a user ends their sessions at once and a changed admin flag applies
 * immediately. (Verifying the token's signature is the HTTP adapter's part.)
 */
public record AuthenticateSession(Users users, Transactions tx) {
    public Optional<Principal.User> handle(UserId user) {
        return tx.readOnly(() -> users.byId(user))
                .filter(User::active)
                .map(u -> new Principal.User(u.id(), u.email().value(), u.platformAdmin()));
    }
}
