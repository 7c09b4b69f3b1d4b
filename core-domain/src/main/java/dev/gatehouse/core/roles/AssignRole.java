package dev.gatehouse.core.roles;

import dev.gatehouse.core.authorization.ObjectRef;
import dev.gatehouse.core.platform.Platform;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Result;
import dev.gatehouse.core.shared.RoleAssignmentId;
import dev.gatehouse.core.shared.RoleId;
import dev.gatehouse.core.shared.UserId;
import dev.gatehouse.core.tenancy.Memberships;
import dev.gatehouse.core.tenancy.Role;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Assigns a role to a member of the resource's organization on an organization, project or
 * environment ({@code roles_write} on the organization: assignments are organization-level, so a
 * project admin hands out no roles; an invisible resource, role or user of another
 * organization is not found). No escalation: the caller must hold every permission the role grants
 * there (403 naming the first missing scope). A custom role becomes a {@code role_binding} attached to
 * the resource; a built-in role ({@code admin}, {@code member}, {@code viewer}) on a project or
 * environment becomes the resource's own relation. With {@code expiresAt} the subject relationship
 * expires then, so access ends by itself. Organization-wide built-in roles are membership roles (the
 * members API), not assignments (422).
 */
public record AssignRole(Roles roles, Memberships memberships, RoleTargets targets, RoleGuard guard,
                         RoleBindings bindings, RoleJournal journal, Platform platform) {
    /**
     * @param roleId       a custom role's id ({@code role_…}) or a built-in role's name
     * @param resourceType {@code organization}, {@code project} or {@code environment}
     */
    public record Command(Caller caller, String roleId, String userId, String resourceType, String resourceId,
                          Instant expiresAt) {
    }

    public Result<RoleAssignment> handle(Command c) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        if (c.roleId() == null || c.roleId().isBlank()) {
            errors.put("role_id", List.of("is required"));
        }
        if (c.userId() == null || c.userId().isBlank()) {
            errors.put("user_id", List.of("is required"));
        }
        if (c.resourceType() == null || c.resourceType().isBlank()) {
            errors.put("resource.type", List.of("is required"));
        } else if (!RoleAssignment.RESOURCE_TYPES.contains(c.resourceType())) {
            errors.put("resource.type", List.of("must be one of: organization, project, environment"));
        }
        if (c.resourceId() == null || c.resourceId().isBlank()) {
            errors.put("resource.id", List.of("is required"));
        }
        if (c.expiresAt() != null && !c.expiresAt().isAfter(platform.clock().instant())) {
            errors.put("expires_at", List.of("must be in the future"));
        }
        Optional<Role> builtIn = c.roleId() == null ? Optional.empty() : BuiltInRoles.named(c.roleId().strip());
        if (builtIn.isPresent() && "organization".equals(c.resourceType())) {
            errors.put("role_id", List.of("built-in roles on an organization are membership roles: use "
                    + "PATCH /api/v1/organizations/{id}/members/{user_id}"));
        } else if (builtIn.orElse(null) == Role.OWNER) {
            errors.put("role_id", List.of("owner is an organization role only"));
        }
        if (!errors.isEmpty()) {
            return Result.fail(Failure.invalid(errors));
        }
        if (!ObjectRef.isValidId(c.resourceId().strip())) {
            return Result.fail(Failure.notFound(RoleTargets.what(c.resourceType())));
        }
        ObjectRef resource = new ObjectRef(c.resourceType(), c.resourceId().strip());
        return platform.transactions().inTransaction(() -> {
            var org = targets.organizationOf(resource);
            if (!org.isOk()) {
                return Result.fail(org.failure());
            }
            // role assignments belong to the organization: roles_write there, whatever the target (a
            // project admin does not hand out roles on their project)
            var denied = guard.sees(c.caller(), resource).or(() -> guard.onOrganization(c.caller(), org.value(), "roles_write"));
            if (denied.isPresent()) {
                return Result.fail(denied.get());
            }
            OrganizationId organization = org.value();
            RoleId customId = null;
            List<String> permissions;
            if (builtIn.isPresent()) {
                permissions = BuiltInRoles.permissionsAt(resource.type(), builtIn.get());
            } else {
                var custom = RoleId.parse(c.roleId().strip()).flatMap(roles::byId)
                        .filter(r -> r.organizationId().equals(organization));
                if (custom.isEmpty()) {
                    return Result.fail(Failure.notFound("Role"));
                }
                customId = custom.get().id();
                permissions = custom.get().permissions();
            }
            var user = UserId.parse(c.userId().strip()).filter(u -> memberships.byUser(organization, u).isPresent());
            if (user.isEmpty()) {
                return Result.fail(Failure.notFound("User"));
            }
            var escalation = guard.escalation(c.caller(), resource, permissions);
            if (escalation.isPresent()) {
                return Result.fail(escalation.get());
            }
            RoleAssignment a = new RoleAssignment(new RoleAssignmentId(platform.ids().newId()), organization, customId,
                    builtIn.orElse(null), user.get(), resource, c.expiresAt(), c.caller().principal().id(), platform.clock().instant());
            if (!roles.addAssignment(a)) {
                return Result.fail(Failure.conflict("The user already has this role on this resource."));
            }
            var written = bindings.add(RoleBindings.relationshipsOf(a));
            if (!written.isOk()) {
                return Result.fail(written.failure());
            }
            journal.assignmentCreated(c.caller(), a);
            return Result.ok(a);
        });
    }
}
