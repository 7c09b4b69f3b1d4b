package dev.gatehouse.core.roles;

import dev.gatehouse.core.authorization.PermissionCatalog;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.RoleId;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * An organization's custom role: a name unique in the organization (case-insensitive), a description
 * and the scopes it grants ({@code projects:read}, …), kept in the catalog's order.
 */
public record CustomRole(RoleId id, OrganizationId organizationId, String name, String description, List<String> scopes,
                         String createdBy, Instant createdAt, Instant updatedAt) {
    public static final int MAX_NAME_LENGTH = 100;
    public static final int MAX_DESCRIPTION_LENGTH = 500;

    public CustomRole {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(name, "name");
        description = description == null ? "" : description;
        scopes = inCatalogOrder(scopes);
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** The scopes, each once, in the catalog's order; throws on a scope the catalog does not know. */
    public static List<String> inCatalogOrder(Collection<String> scopes) {
        for (String s : scopes) {
            if (PermissionCatalog.byScope(s).isEmpty()) {
                throw new IllegalArgumentException("unknown scope " + s);
            }
        }
        return PermissionCatalog.entries().stream().map(PermissionCatalog.Entry::scope).filter(scopes::contains).toList();
    }

    public CustomRole withScopes(Collection<String> newScopes, Instant now) {
        return new CustomRole(id, organizationId, name, description, List.copyOf(newScopes), createdBy, createdAt, now);
    }

    /** The schema permissions of the scopes ({@code projects_read}, …). */
    public List<String> permissions() {
        return scopes.stream().map(s -> PermissionCatalog.byScope(s).orElseThrow().permission()).toList();
    }
}
