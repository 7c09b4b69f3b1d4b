package dev.gatehouse.core.roles;

import dev.gatehouse.core.authorization.Relationship;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.Result;
import dev.gatehouse.core.shared.RoleId;
import dev.gatehouse.core.shared.Transactions;

import java.util.ArrayList;
import java.util.List;

/**
 * Deletes a custom role ({@code roles_write} on its organization) with every assignment of it: the
 * role row, the assignments, the role's relationships and each assignment's binding go in one
 * transaction, with {@code role_assignment.deleted} for each assignment and {@code role.deleted}.
 * Built-in roles cannot be deleted (409).
 */
public record DeleteRole(Roles roles, RoleGuard guard, RoleBindings bindings, RoleJournal journal, Transactions tx) {
    public Result<Void> handle(Caller caller, String roleId) {
        if (roleId != null && BuiltInRoles.named(roleId).isPresent()) {
            return Result.fail(SetRolePermissions.readOnly(roleId));
        }
        var id = RoleId.parse(roleId);
        if (id.isEmpty()) {
            return Result.fail(Failure.notFound("Role"));
        }
        return tx.inTransaction(() -> {
            var found = roles.lockById(id.get());
            if (found.isEmpty()) {
                return Result.fail(Failure.notFound("Role"));
            }
            CustomRole role = found.get();
            var denied = guard.onRole(caller, role, "roles_write");
            if (denied.isPresent()) {
                return Result.fail(denied.get());
            }
            List<RoleAssignment> assignments = roles.assignmentsOf(role.id());
            List<Relationship> gone = new ArrayList<>(RoleBindings.grantsOf(role, role.scopes()));
            assignments.forEach(a -> gone.addAll(RoleBindings.relationshipsOf(a)));
            roles.remove(role.id());
            var written = bindings.remove(gone);
            if (!written.isOk()) {
                return Result.fail(written.failure());
            }
            assignments.forEach(a -> journal.assignmentDeleted(caller, a, null));
            journal.roleDeleted(caller, role, assignments.size());
            return Result.ok(null);
        });
    }
}
