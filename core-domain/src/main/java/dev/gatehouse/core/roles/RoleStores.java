package dev.gatehouse.core.roles;

import java.util.Objects;

/**
 * The custom roles feature's driven ports: where roles and role assignments are stored. Providers:
 * {@code MemoryRoleStores} (core, in memory) and the PostgreSQL adapter's factory.
 */
public record RoleStores(Roles roles) {
    public RoleStores {
        Objects.requireNonNull(roles, "roles");
    }
}
