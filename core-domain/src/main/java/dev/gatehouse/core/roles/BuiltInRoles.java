package dev.gatehouse.core.roles;

import dev.gatehouse.core.authorization.Expression;
import dev.gatehouse.core.authorization.PermissionCatalog;
import dev.gatehouse.core.authorization.TypeDefinition;
import dev.gatehouse.core.tenancy.Role;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the built-in roles grant. {@link #scopes} is the catalog's view (every scope whose least role
 * the role reaches, as on an organization); {@link #permissionsAt} reads the schema: the catalog
 * permissions that the relation of that name on a resource type grants by itself (a project
 * {@code admin} does not get {@code organizations_write}, which only the organization grants).
 */
public final class BuiltInRoles {
    /** Strongest first: the order {@code GET /roles} lists them in. */
    public static final List<Role> LISTED = List.of(Role.OWNER, Role.ADMIN, Role.MEMBER, Role.VIEWER);

    private static final Map<String, List<String>> AT = new ConcurrentHashMap<>();

    private BuiltInRoles() {
    }

    /** The built-in role of that wire name ({@code admin}), if it is one. */
    public static Optional<Role> named(String text) {
        return LISTED.stream().filter(r -> r.relation().equals(text)).findFirst();
    }

    public static List<String> scopes(Role role) {
        PermissionCatalog.Role least = PermissionCatalog.Role.valueOf(role.name());
        return PermissionCatalog.entries().stream().filter(e -> e.leastRole().compareTo(least) <= 0)
                .map(PermissionCatalog.Entry::scope).toList();
    }

    static String description(Role role) {
        return switch (role) {
            case OWNER -> "Everything, including owners, the plan and deleting the organization";
            case ADMIN -> "Manages projects, environments, members below owner, keys, webhooks, roles and policies";
            case MEMBER -> "Works inside projects: reads everything, keys for non-production environments, usage, access requests";
            case VIEWER -> "Reads everything except secrets";
        };
    }

    /**
     * The catalog permissions the relation {@code role} on {@code resourceType} grants by itself,
     * derived from {@code gatehouse.zed}: a permission counts when its expression holds with that
     * relation present and every other relation and arrow absent.
     */
    public static List<String> permissionsAt(String resourceType, Role role) {
        return AT.computeIfAbsent(resourceType + "#" + role.relation(), k -> {
            TypeDefinition type = PermissionCatalog.productSchemaParsed().definition(resourceType)
                    .orElseThrow(() -> new IllegalArgumentException("no definition " + resourceType));
            return PermissionCatalog.entries().stream().map(PermissionCatalog.Entry::permission)
                    .filter(p -> type.permission(p).map(e -> holds(type, e, role.relation(), new HashSet<>())).orElse(false))
                    .toList();
        });
    }

    private static boolean holds(TypeDefinition type, Expression e, String relation, Set<String> visiting) {
        if (e instanceof Expression.Union u) {
            return u.children().stream().anyMatch(c -> holds(type, c, relation, visiting));
        }
        if (e instanceof Expression.Intersection i) {
            return i.children().stream().allMatch(c -> holds(type, c, relation, visiting));
        }
        if (e instanceof Expression.Exclusion x) {
            return holds(type, x.base(), relation, visiting) && !holds(type, x.excluded(), relation, visiting);
        }
        if (e instanceof Expression.Reference r) {
            if (r.name().equals(relation)) {
                return true;
            }
            if (type.hasPermission(r.name()) && visiting.add(r.name())) {
                boolean held = type.permission(r.name()).map(inner -> holds(type, inner, relation, visiting)).orElse(false);
                visiting.remove(r.name());
                return held;
            }
            return false;
        }
        return false; // arrows and nil: nothing reached through other objects
    }
}
