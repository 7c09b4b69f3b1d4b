package dev.gatehouse.core.contract;

import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.UserId;

import java.util.UUID;

/**
 * The rows a tenant-scoped store's records refer to: an organization and users. A database store has
 * foreign keys, so its test makes them exist; a store without them takes {@link #unchecked()} ids.
 */
public interface TenantRows {
    /** An existing organization. */
    OrganizationId organization();

    /** An existing user. */
    UserId user(String email);

    /** Fresh random ids, for stores that do not check that what they refer to exists. */
    static TenantRows unchecked() {
        return new TenantRows() {
            @Override
            public OrganizationId organization() {
                return new OrganizationId(UUID.randomUUID());
            }

            @Override
            public UserId user(String email) {
                return new UserId(UUID.randomUUID());
            }
        };
    }
}
