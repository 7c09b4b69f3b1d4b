package dev.gatehouse.core.identity;

import java.util.Objects;

/**
 * The identity feature's driven ports: where users are stored. Providers: {@code MemoryIdentityStores}
 * (core, in memory) and the PostgreSQL adapter's factory. Sessions are a feature of their own
 * ({@code sessions.SessionStores}): they read tenancy for a user's overview, and tenancy reads users,
 * so keeping them here would make identity and tenancy depend on each other.
 */
public record IdentityStores(Users users) {
    public IdentityStores {
        Objects.requireNonNull(users, "users");
    }
}
