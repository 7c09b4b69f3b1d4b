package dev.gatehouse.core.roles;

import dev.gatehouse.core.authorization.RelationshipUpdate;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.Result;
import dev.gatehouse.core.shared.RoleAssignmentId;

/**
 * Removes a role assignment ({@code roles_write} on its resource) and its relationships: the access
 * it gave ends at once. {@code role_assignment.deleted} is recorded.
 */
public final class UnassignRole {
    private final RoleContext ctx;

    public UnassignRole(RoleContext ctx) {
        this.ctx = ctx;
    }

    public Result<RoleAssignment> handle(Caller caller, RoleAssignmentId id) {
        return ctx.tx().inTransaction(() -> {
            var found = ctx.roles().assignmentById(id);
            if (found.isEmpty()) {
                return Result.fail(Failure.notFound("Role assignment"));
            }
            RoleAssignment a = found.get();
            var denied = ctx.access().require(caller, RoleContext.orgRef(a.organizationId()), "roles_write", "roles_read",
                    "Role assignment");
            if (denied.isPresent()) {
                return Result.fail(denied.get());
            }
            ctx.roles().removeAssignment(a.id());
            var written = ctx.authorizer().write(RoleContext.relationshipsOf(a).stream().map(RelationshipUpdate::delete).toList());
            if (!written.isOk()) {
                return Result.fail(written.failure());
            }
            ctx.auditor().record(caller, "role_assignment.deleted", "role_assignment", a.id(), a.organizationId(), RoleContext.data(a));
            ctx.events().record(new dev.gatehouse.core.events.RoleEvent.RoleAssignmentDeleted(a.organizationId(), RoleContext.data(a)));
            return Result.ok(a);
        });
    }
}
