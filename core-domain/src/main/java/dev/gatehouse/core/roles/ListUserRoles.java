package dev.gatehouse.core.roles;

import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.PageRequest;
import dev.gatehouse.core.shared.Result;
import dev.gatehouse.core.shared.Transactions;
import dev.gatehouse.core.shared.UserId;
import dev.gatehouse.core.tenancy.Memberships;
import dev.gatehouse.core.tenancy.Role;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A user's roles in one organization ({@code roles_read} on it): the built-in membership role and
 * every assignment, with the custom roles' definitions. A user who is not a member is not found.
 */
public record ListUserRoles(Roles roles, Memberships memberships, RoleGuard guard, Transactions tx) {
    public record Command(Caller caller, OrganizationId organization, UserId user) {
    }

    /** The membership role (absent only for a former member who still has assignments) and the assignments. */
    public record UserRoles(OrganizationId organization, UserId user, Optional<Role> membership,
                            List<RoleAssignment> assignments, Map<String, RoleDefinition> roles) {
    }

    /** At most this many assignments of one user are listed. */
    public static final int MAX_ASSIGNMENTS = PageRequest.MAX_PER_PAGE;

    public Result<UserRoles> handle(Command c) {
        if (c.organization() == null) {
            return Result.fail(Failure.invalid("organization_id", "is required"));
        }
        return tx.readOnly(() -> {
            var denied = guard.inLiveOrganization(c.caller(), c.organization(), "roles_read");
            if (denied.isPresent()) {
                return Result.fail(denied.get());
            }
            var membership = memberships.byUser(c.organization(), c.user()).map(m -> m.role());
            var assignments = roles.assignments(c.organization(), new Roles.AssignmentFilter(c.user(), null, null),
                    new PageRequest(1, MAX_ASSIGNMENTS, List.of())).items();
            if (membership.isEmpty() && assignments.isEmpty()) {
                return Result.fail(Failure.notFound("User"));
            }
            List<RoleDefinition> defs = new ArrayList<>();
            BuiltInRoles.LISTED.forEach(r -> defs.add(RoleDefinition.of(r)));
            roles.ofOrganization(c.organization()).forEach(r -> defs.add(RoleDefinition.of(r)));
            return Result.ok(new UserRoles(c.organization(), c.user(), membership, assignments,
                    defs.stream().collect(Collectors.toMap(RoleDefinition::id, Function.identity()))));
        });
    }
}
