package dev.gatehouse.core.roles;

import dev.gatehouse.core.audit.Auditor;
import dev.gatehouse.core.authorization.RelationshipUpdate;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.Result;
import dev.gatehouse.core.shared.RoleId;
import dev.gatehouse.core.platform.Platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Replaces a custom role's permissions ({@code roles_write} on its organization). Only the difference
 * reaches the relationships: added permissions are touched, removed ones deleted, so every holder of
 * the role gains or loses them at once. Added permissions must be held by the caller on the
 * organization (403 naming the first missing one). Built-in roles are read-only (409). The role row is
 * locked for the change, so concurrent replacements apply one after the other.
 */
public record SetRolePermissions(Roles roles, RoleGuard guard, RoleBindings bindings, RoleJournal journal,
                                 Platform platform) {
    public record Command(Caller caller, String roleId, List<String> permissions) {
    }

    static Failure readOnly(String name) {
        return Failure.conflict("The built-in role '" + name + "' cannot be changed or deleted.");
    }

    public Result<RoleDefinition> handle(Command c) {
        if (c.roleId() != null && BuiltInRoles.named(c.roleId()).isPresent()) {
            return Result.fail(readOnly(c.roleId()));
        }
        var id = RoleId.parse(c.roleId());
        if (id.isEmpty()) {
            return Result.fail(Failure.notFound("Role"));
        }
        var problem = CreateRole.permissionsProblem(c.permissions());
        if (problem.isPresent()) {
            return Result.fail(Failure.invalid("permissions", problem.get()));
        }
        return platform.transactions().inTransaction(() -> {
            var found = roles.lockById(id.get());
            if (found.isEmpty()) {
                return Result.fail(Failure.notFound("Role"));
            }
            CustomRole before = found.get();
            var denied = guard.onRole(c.caller(), before, "roles_write");
            if (denied.isPresent()) {
                return Result.fail(denied.get());
            }
            CustomRole after = before.withScopes(c.permissions(), platform.clock().instant());
            List<String> added = after.scopes().stream().filter(s -> !before.scopes().contains(s)).toList();
            List<String> removed = before.scopes().stream().filter(s -> !after.scopes().contains(s)).toList();
            var escalation = guard.escalation(c.caller(), RoleGuard.orgRef(before.organizationId()),
                    after.permissions().stream().filter(p -> !before.permissions().contains(p)).toList());
            if (escalation.isPresent()) {
                return Result.fail(escalation.get());
            }
            if (added.isEmpty() && removed.isEmpty()) {
                return Result.ok(RoleDefinition.of(before));
            }
            roles.update(after);
            List<RelationshipUpdate> updates = new ArrayList<>();
            RoleBindings.grantsOf(after, added).forEach(r -> updates.add(RelationshipUpdate.touch(r)));
            RoleBindings.grantsOf(after, removed).forEach(r -> updates.add(RelationshipUpdate.delete(r)));
            var written = bindings.write(updates);
            if (!written.isOk()) {
                return Result.fail(written.failure());
            }
            Map<String, Object> changes = RoleJournal.data(after);
            Auditor.change(changes, "permissions", before.scopes(), after.scopes());
            changes.put("added", added);
            changes.put("removed", removed);
            journal.roleUpdated(c.caller(), after, changes);
            return Result.ok(RoleDefinition.of(after));
        });
    }
}
