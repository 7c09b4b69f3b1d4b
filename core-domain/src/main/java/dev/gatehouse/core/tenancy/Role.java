package dev.gatehouse.core.tenancy;

import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.Result;
import dev.gatehouse.core.shared.RoleId;

import java.util.Locale;

/**
 * The built-in roles of an organization, weakest first. Each is the relation of the same name on
 * {@code organization} in {@code gatehouse.zed}. Custom roles ({@code role_…}) are given with role assignments ({@code core.roles}).
 */
public enum Role {
    VIEWER, MEMBER, ADMIN, OWNER;

    /** The relation on {@code organization} that grants this role. */
    public String relation() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isAbove(Role other) {
        return compareTo(other) > 0;
    }

    /** Parses the wire form; the failure names {@code field}. */
    public static Result<Role> parse(String text, String field) {
        if (text == null || text.isBlank()) {
            return Result.fail(Failure.invalid(field, "is required"));
        }
        String t = text.strip();
        for (Role r : values()) {
            if (r.relation().equals(t)) {
                return Result.ok(r);
            }
        }
        if (RoleId.parse(t).isPresent()) {
            return Result.fail(Failure.invalid(field, "a membership role is owner, admin, member or viewer; custom roles are given with POST /api/v1/role-assignments"));
        }
        return Result.fail(Failure.invalid(field, "must be one of: owner, admin, member, viewer"));
    }
}
