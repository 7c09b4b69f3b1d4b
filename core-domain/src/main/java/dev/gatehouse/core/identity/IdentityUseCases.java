package dev.gatehouse.core.identity;

import dev.gatehouse.core.lifecycle.Cascade;
import dev.gatehouse.core.platform.Platform;

/**
 * The identity feature: its use cases, wired once by {@link #wire}. The HTTP adapter's user routes,
 * login and session authentication inject this record; an embedder reaches it as
 * {@code gatehouse.identity()}.
 *
 * @param authenticateSession for the HTTP adapter's session authentication: the active user a verified session token names
 * @param ensureInitialAdmin  the first platform admin of an empty instance (bootstrap runs it at start)
 */
public record IdentityUseCases(CreateUser createUser, AuthenticateUser authenticateUser, AuthenticateSession authenticateSession,
                               EnsureInitialAdmin ensureInitialAdmin, GetUser getUser, ListUsers listUsers, UpdateUser updateUser,
                               DeactivateUser deactivateUser) {

    /**
     * @param hasher  hashes and verifies passwords (a builder setting: PBKDF2 by default, Argon2id in the server)
     * @param cascade the lifecycle cascade a deactivation runs (the user leaves every organization, ADR 0018)
     */
    public static IdentityUseCases wire(IdentityStores stores, Platform platform, PasswordHasher hasher, Cascade cascade) {
        Users users = stores.users();
        var tx = platform.transactions();
        var clock = platform.clock();
        var createUser = new CreateUser(users, hasher, platform.auditor(), tx, clock, platform.ids());
        return new IdentityUseCases(
                createUser,
                new AuthenticateUser(users, hasher, new LoginThrottle(clock), platform.auditor(), tx, clock),
                new AuthenticateSession(users, tx),
                new EnsureInitialAdmin(users, createUser, tx, platform.ids()),
                new GetUser(users, tx),
                new ListUsers(users, tx),
                new UpdateUser(users, platform.auditor(), platform.events(), tx, clock),
                new DeactivateUser(users, platform.auditor(), platform.events(), tx, clock, cascade));
    }
}
