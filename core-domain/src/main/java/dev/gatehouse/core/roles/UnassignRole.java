package dev.gatehouse.core.roles;

import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.Result;
import dev.gatehouse.core.shared.RoleAssignmentId;
import dev.gatehouse.core.shared.Transactions;

/**
 * Removes a role assignment ({@code roles_write} on its resource) and its relationships: the access
 * it gave ends at once. {@code role_assignment.deleted} is recorded.
 */
public record UnassignRole(Roles roles, RoleGuard guard, RoleBindings bindings, RoleJournal journal, Transactions tx) {
    public Result<RoleAssignment> handle(Caller caller, RoleAssignmentId id) {
        return tx.inTransaction(() -> {
            var found = roles.assignmentById(id);
            if (found.isEmpty()) {
                return Result.fail(Failure.notFound("Role assignment"));
            }
            RoleAssignment a = found.get();
            var denied = guard.onAssignment(caller, a, "roles_write");
            if (denied.isPresent()) {
                return Result.fail(denied.get());
            }
            roles.removeAssignment(a.id());
            var written = bindings.remove(RoleBindings.relationshipsOf(a));
            if (!written.isOk()) {
                return Result.fail(written.failure());
            }
            journal.assignmentDeleted(caller, a, null);
            return Result.ok(a);
        });
    }
}
