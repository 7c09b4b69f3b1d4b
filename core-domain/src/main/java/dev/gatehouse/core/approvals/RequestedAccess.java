package dev.gatehouse.core.approvals;

import dev.gatehouse.core.authorization.PermissionCatalog;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.Result;

import java.util.List;

/**
 * What a request asks for: exactly one of a built-in role below owner ({@code admin}, {@code member},
 * {@code viewer}) or a permission, named by its catalog scope ({@code projects:write}).
 */
public record RequestedAccess(String role, String permission) {
    public static final List<String> ROLES = List.of("admin", "member", "viewer");

    public RequestedAccess {
        if ((role == null) == (permission == null)) {
            throw new IllegalArgumentException("exactly one of role and permission");
        }
    }

    public static RequestedAccess role(String role) {
        return new RequestedAccess(role, null);
    }

    public static RequestedAccess permission(String scope) {
        return new RequestedAccess(null, scope);
    }

    /** Validates the wire form: the failure names {@code role} or {@code permission}. */
    public static Result<RequestedAccess> parse(String role, String permission) {
        if (role != null && permission != null) {
            return Result.fail(Failure.invalid("role", "name either a role or a permission, not both"));
        }
        if (role == null && permission == null) {
            return Result.fail(Failure.invalid("role", "name a role (admin, member, viewer) or a permission"));
        }
        if (role != null) {
            return roleProblem(role) == null ? Result.ok(role(role.strip()))
                    : Result.fail(Failure.invalid("role", roleProblem(role)));
        }
        return PermissionCatalog.byScope(permission.strip()).isPresent() ? Result.ok(permission(permission.strip()))
                : Result.fail(Failure.invalid("permission", "unknown permission '" + permission + "'; see GET /api/v1/permissions"));
    }

    /** Why a role cannot be requested, or null when it can. */
    static String roleProblem(String role) {
        String r = role.strip();
        if (r.equals("owner")) {
            return "the owner role cannot be requested";
        }
        return ROLES.contains(r) ? null : "must be one of: admin, member, viewer";
    }

    public boolean isRole() {
        return role != null;
    }

    /** The schema permission of a requested permission. */
    public String schemaPermission() {
        return PermissionCatalog.byScope(permission).orElseThrow().permission();
    }

    @Override
    public String toString() {
        return isRole() ? "role " + role : "permission " + permission;
    }
}
