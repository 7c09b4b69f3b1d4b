package dev.gatehouse.core.roles;

import dev.gatehouse.core.platform.Platform;
import dev.gatehouse.core.tenancy.Memberships;
import dev.gatehouse.core.tenancy.Organizations;
import dev.gatehouse.core.tenancy.projects.Environments;
import dev.gatehouse.core.tenancy.projects.Projects;

/**
 * The custom roles feature: roles, their assignments, and a user's roles, wired once by {@link #wire}.
 * The HTTP adapter's role routes inject this record; an embedder reaches it as {@code gatehouse.roles()}.
 *
 * @param cascade the role assignments' part of every lifecycle cascade (ADR 0018)
 */
public record RoleUseCases(CreateRole createRole, GetRole getRole, ListRoles listRoles, SetRolePermissions setRolePermissions,
                           DeleteRole deleteRole, AssignRole assignRole, ListRoleAssignments listRoleAssignments,
                           UnassignRole unassignRole, ListUserRoles listUserRoles, RoleAssignmentCleanup cascade) {

    /**
     * @param organizations, projects, environments what roles are defined in and assigned on (read only)
     * @param memberships    who may be assigned a role: members of the resource's organization (read only)
     */
    public static RoleUseCases wire(RoleStores stores, Platform platform, Organizations organizations, Memberships memberships,
                                    Projects projects, Environments environments) {
        Roles roles = stores.roles();
        var tx = platform.transactions();
        var targets = new RoleTargets(organizations, projects, environments);
        var guard = new RoleGuard(platform.authorizer(), targets);
        var bindings = new RoleBindings(platform.authorizer());
        var journal = new RoleJournal(platform.auditor(), platform.events());
        return new RoleUseCases(
                new CreateRole(roles, targets, guard, bindings, journal, platform),
                new GetRole(roles, guard, tx),
                new ListRoles(roles, guard, tx),
                new SetRolePermissions(roles, guard, bindings, journal, platform),
                new DeleteRole(roles, guard, bindings, journal, tx),
                new AssignRole(roles, memberships, targets, guard, bindings, journal, platform),
                new ListRoleAssignments(roles, guard, tx),
                new UnassignRole(roles, guard, bindings, journal, tx),
                new ListUserRoles(roles, memberships, guard, tx),
                new RoleAssignmentCleanup(roles, targets, bindings, journal));
    }
}
