package dev.gatehouse.core.roles;

import dev.gatehouse.core.authorization.ObjectRef;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Page;
import dev.gatehouse.core.shared.PageRequest;
import dev.gatehouse.core.shared.Result;
import dev.gatehouse.core.shared.RoleId;
import dev.gatehouse.core.shared.Transactions;
import dev.gatehouse.core.shared.UserId;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An organization's role assignments ({@code roles_read} on it), newest first, filtered by user, role
 * ({@code role_…} or a built-in name) and resource ({@code project:prj_…}). Expired assignments stay
 * listed (with their {@code expires_at}) until deleted; they grant nothing.
 */
public record ListRoleAssignments(Roles roles, RoleGuard guard, Transactions tx) {
    public record Command(Caller caller, OrganizationId organization, String userId, String roleId, String resource,
                          PageRequest page) {
    }

    public Result<Page<RoleAssignment>> handle(Command c) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        if (c.organization() == null) {
            errors.put("organization_id", List.of("is required"));
        }
        UserId user = null;
        if (c.userId() != null && !c.userId().isBlank()) {
            user = UserId.parse(c.userId().strip()).orElse(null);
            if (user == null) {
                errors.put("user_id", List.of("is not a user id (usr_…)"));
            }
        }
        String role = null;
        if (c.roleId() != null && !c.roleId().isBlank()) {
            role = c.roleId().strip();
            if (BuiltInRoles.named(role).isEmpty() && RoleId.parse(role).isEmpty()) {
                errors.put("role_id", List.of("is neither a role id (role_…) nor owner, admin, member or viewer"));
            }
        }
        ObjectRef resource = null;
        if (c.resource() != null && !c.resource().isBlank()) {
            String[] parts = c.resource().strip().split(":", 2);
            if (parts.length != 2 || !RoleAssignment.RESOURCE_TYPES.contains(parts[0]) || !ObjectRef.isValidId(parts[1])) {
                errors.put("resource", List.of("must be <type>:<id> with type organization, project or environment"));
            } else {
                resource = new ObjectRef(parts[0], parts[1]);
            }
        }
        if (!errors.isEmpty()) {
            return Result.fail(Failure.invalid(errors));
        }
        var filter = new Roles.AssignmentFilter(user, role, resource);
        return tx.readOnly(() -> guard.inLiveOrganization(c.caller(), c.organization(), "roles_read")
                .<Result<Page<RoleAssignment>>>map(Result::fail)
                .orElseGet(() -> Result.ok(roles.assignments(c.organization(), filter, c.page()))));
    }
}
