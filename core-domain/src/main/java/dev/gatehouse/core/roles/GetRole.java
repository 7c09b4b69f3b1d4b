package dev.gatehouse.core.roles;

import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.Result;
import dev.gatehouse.core.shared.RoleId;
import dev.gatehouse.core.shared.Transactions;

/**
 * One role: a built-in one by name ({@code admin}: the same for everyone), or a custom role by id
 * ({@code roles_read} on its organization; another tenant's id is not found).
 */
public record GetRole(Roles roles, RoleGuard guard, Transactions tx) {
    public Result<RoleDefinition> handle(Caller caller, String id) {
        var builtIn = BuiltInRoles.named(id == null ? "" : id);
        if (builtIn.isPresent()) {
            return Result.ok(RoleDefinition.of(builtIn.get()));
        }
        var roleId = RoleId.parse(id);
        if (roleId.isEmpty()) {
            return Result.fail(Failure.notFound("Role"));
        }
        return tx.readOnly(() -> {
            var role = roles.byId(roleId.get());
            if (role.isEmpty()) {
                return Result.fail(Failure.notFound("Role"));
            }
            return guard.onRole(caller, role.get(), "roles_read").<Result<RoleDefinition>>map(Result::fail)
                    .orElseGet(() -> Result.ok(RoleDefinition.of(role.get())));
        });
    }
}
