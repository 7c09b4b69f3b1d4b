package dev.gatehouse.core.roles;

import dev.gatehouse.core.authorization.ObjectRef;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Page;
import dev.gatehouse.core.shared.PageRequest;
import dev.gatehouse.core.shared.RoleAssignmentId;
import dev.gatehouse.core.shared.RoleId;
import dev.gatehouse.core.shared.UserId;

import java.util.List;
import java.util.Optional;

/**
 * Custom roles and role assignments. A role's name is unique in its organization, ignoring case; an
 * assignment is unique per (role, user, resource). Removing a role removes its assignments.
 */
public interface Roles {

    /** Which assignments to list; null fields match everything. {@code role} is a role's wire id ({@code role_…} or a built-in name). */
    record AssignmentFilter(UserId user, String role, ObjectRef resource) {
        public static AssignmentFilter all() {
            return new AssignmentFilter(null, null, null);
        }
    }

    /** @return false, and stores nothing, when the organization has a role of that name (any case) */
    boolean add(CustomRole role);

    Optional<CustomRole> byId(RoleId id);

    /** The role, locked until the transaction ends (PostgreSQL {@code FOR UPDATE}): concurrent changes of one role run in turn. */
    Optional<CustomRole> lockById(RoleId id);

    /** Replaces the stored role's scopes and update time. */
    void update(CustomRole role);

    /** Removes the role and every assignment of it. */
    void remove(RoleId id);

    /** The organization's custom roles, by name (code point order), then id. */
    List<CustomRole> ofOrganization(OrganizationId organization);

    /** @return false, and stores nothing, when the same role is already assigned to the user on the resource */
    boolean addAssignment(RoleAssignment assignment);

    Optional<RoleAssignment> assignmentById(RoleAssignmentId id);

    void removeAssignment(RoleAssignmentId id);

    /** Every assignment of the custom role, oldest first. */
    List<RoleAssignment> assignmentsOf(RoleId role);

    /** The organization's assignments matching the filter, newest first (then by id). */
    Page<RoleAssignment> assignments(OrganizationId organization, AssignmentFilter filter, PageRequest page);
}
