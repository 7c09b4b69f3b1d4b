package dev.gatehouse.core.roles;

import dev.gatehouse.core.authorization.Relationship;
import dev.gatehouse.core.authorization.RelationshipUpdate;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.Result;
import dev.gatehouse.core.shared.RoleId;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Deletes a custom role ({@code roles_write} on its organization) with every assignment of it: the
 * role row, the assignments, the role's relationships and each assignment's binding go in one
 * transaction, with {@code role_assignment.deleted} for each assignment and {@code role.deleted}.
 * Built-in roles cannot be deleted (409).
 */
public final class DeleteRole {
    private final RoleContext ctx;

    public DeleteRole(RoleContext ctx) {
        this.ctx = ctx;
    }

    public Result<Void> handle(Caller caller, String roleId) {
        if (roleId != null && BuiltInRoles.named(roleId).isPresent()) {
            return Result.fail(SetRolePermissions.readOnly(roleId));
        }
        var id = RoleId.parse(roleId);
        if (id.isEmpty()) {
            return Result.fail(Failure.notFound("Role"));
        }
        return ctx.tx().inTransaction(() -> {
            var found = ctx.roles().lockById(id.get());
            if (found.isEmpty()) {
                return Result.fail(Failure.notFound("Role"));
            }
            CustomRole role = found.get();
            var denied = ctx.access().require(caller, RoleContext.orgRef(role.organizationId()), "roles_write",
                    "organizations_read", "Role");
            if (denied.isPresent()) {
                return Result.fail(denied.get());
            }
            List<RoleAssignment> assignments = ctx.roles().assignmentsOf(role.id());
            List<Relationship> gone = new ArrayList<>(RoleContext.grantsOf(role, role.scopes()));
            assignments.forEach(a -> gone.addAll(RoleContext.relationshipsOf(a)));
            ctx.roles().remove(role.id());
            var written = ctx.authorizer().write(gone.stream().map(RelationshipUpdate::delete).toList());
            if (!written.isOk()) {
                return Result.fail(written.failure());
            }
            for (RoleAssignment a : assignments) {
                ctx.auditor().record(caller, "role_assignment.deleted", "role_assignment", a.id(), a.organizationId(),
                        RoleContext.data(a));
                ctx.events().record(new dev.gatehouse.core.events.RoleEvent.RoleAssignmentDeleted(a.organizationId(), RoleContext.data(a)));
            }
            var data = new java.util.LinkedHashMap<String, Object>(RoleContext.data(role));
            data.put("assignments_removed", assignments.size());
            ctx.auditor().record(caller, "role.deleted", "role", role.id(), role.organizationId(), data);
            ctx.events().record(new dev.gatehouse.core.events.RoleEvent.RoleDeleted(role.organizationId(), Map.copyOf(data)));
            return Result.ok(null);
        });
    }
}
