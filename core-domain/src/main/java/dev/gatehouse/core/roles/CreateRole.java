package dev.gatehouse.core.roles;

import dev.gatehouse.core.shared.Text;

import dev.gatehouse.core.authorization.PermissionCatalog;
import dev.gatehouse.core.platform.Platform;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Result;
import dev.gatehouse.core.shared.RoleId;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Creates a custom role in an organization ({@code roles_write} on it). Its permissions are catalog
 * scopes (an unknown one is a 422 naming it) that the caller holds on the organization (403 naming the
 * first missing one: no one defines a role stronger than themselves). The name is unique in the
 * organization ignoring case (409) and cannot be a built-in role's. Row, relationships, audit event
 * and {@code role.created} commit together.
 */
public record CreateRole(Roles roles, RoleTargets targets, RoleGuard guard, RoleBindings bindings, RoleJournal journal,
                         Platform platform) {
    public record Command(Caller caller, OrganizationId organization, String name, String description, List<String> permissions) {
    }

    /** The permissions field's problems, or empty: required, non-empty, every scope known. */
    static Optional<String> permissionsProblem(List<String> permissions) {
        if (permissions == null) {
            return Optional.of("is required");
        }
        List<String> unknown = permissions.stream().filter(s -> s == null || PermissionCatalog.byScope(s).isEmpty())
                .map(String::valueOf).toList();
        if (!unknown.isEmpty()) {
            return Optional.of("unknown scope(s): " + String.join(", ", unknown));
        }
        if (permissions.isEmpty()) {
            return Optional.of("must name at least one scope");
        }
        return Optional.empty();
    }

    public Result<RoleDefinition> handle(Command c) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        if (c.organization() == null) {
            errors.put("organization_id", List.of("is required"));
        }
        String name = c.name() == null ? "" : c.name().strip();
        if (name.isEmpty()) {
            errors.put("name", List.of("is required"));
        } else if (name.length() > CustomRole.MAX_NAME_LENGTH) {
            errors.put("name", List.of("must be at most " + CustomRole.MAX_NAME_LENGTH + " characters"));
        } else if (BuiltInRoles.named(name.toLowerCase(java.util.Locale.ROOT)).isPresent()) {
            errors.put("name", List.of("is the name of a built-in role"));
        }
        String description = c.description() == null ? "" : c.description().strip();
        if (description.length() > CustomRole.MAX_DESCRIPTION_LENGTH) {
            errors.put("description", List.of("must be at most " + CustomRole.MAX_DESCRIPTION_LENGTH + " characters"));
        }
        Text.singleLineProblem(name).ifPresent(p -> errors.put("name", List.of(p)));
        Text.multiLineProblem(description).ifPresent(p -> errors.put("description", List.of(p)));
        permissionsProblem(c.permissions()).ifPresent(p -> errors.put("permissions", List.of(p)));
        if (!errors.isEmpty()) {
            return Result.fail(Failure.invalid(errors));
        }
        return platform.transactions().inTransaction(() -> {
            var org = targets.liveOrganization(c.organization());
            if (!org.isOk()) {
                return Result.fail(org.failure());
            }
            var now = platform.clock().instant();
            CustomRole role = new CustomRole(new RoleId(platform.ids().newId()), c.organization(), name, description,
                    c.permissions(), c.caller().principal().id(), now, now);
            Optional<Failure> denied = guard.onOrganization(c.caller(), c.organization(), "roles_write")
                    .or(() -> guard.escalation(c.caller(), RoleGuard.orgRef(c.organization()), role.permissions()));
            if (denied.isPresent()) {
                return Result.fail(denied.get());
            }
            if (!roles.add(role)) {
                return Result.fail(Failure.conflict("The organization already has a role named '" + name + "'.")
                        .withDetail("field", "name"));
            }
            var written = bindings.add(RoleBindings.grantsOf(role, role.scopes()));
            if (!written.isOk()) {
                return Result.fail(written.failure());
            }
            journal.roleCreated(c.caller(), role);
            return Result.ok(RoleDefinition.of(role));
        });
    }
}
