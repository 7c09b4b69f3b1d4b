package dev.gatehouse.http;

import dev.gatehouse.core.roles.ListUserRoles;
import dev.gatehouse.core.roles.RoleAssignment;
import dev.gatehouse.core.roles.RoleDefinition;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static dev.gatehouse.http.Dtos.time;

/** The wire records of custom roles and role assignments. */
final class RoleDtos {
    private RoleDtos() {
    }

    @Dto
    @Schema(name = "Role")
    record RoleView(@Schema(description = "role_… for a custom role; owner, admin, member or viewer for a built-in one") String id,
                    @Schema(types = {"string", "null"}, description = "Null for built-in roles") String organizationId,
                    String name, String description,
                    @Schema(description = "Scopes of the permission catalog, e.g. projects:read") List<String> permissions,
                    @Schema(description = "Built-in roles are read-only") boolean builtIn,
                    @Schema(types = {"string", "null"}, format = "date-time") String createdAt,
                    @Schema(types = {"string", "null"}, format = "date-time") String updatedAt) {
        static RoleView of(RoleDefinition r) {
            return new RoleView(r.id(), r.organizationId() == null ? null : r.organizationId().text(), r.name(), r.description(),
                    r.scopes(), r.builtIn(), time(r.createdAt()), time(r.updatedAt()));
        }
    }

    @Dto
    @Schema(name = "RoleResponse")
    record RoleData(RoleView data) {
    }

    @Dto
    @Schema(name = "RoleList")
    record RoleList(List<RoleView> data, Dtos.ListMeta meta, Dtos.ListLinks links) {
    }

    @Dto
    @Schema(name = "CreateRoleRequest")
    record CreateRoleRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "Implied for an API key caller")
                             String organizationId,
                             @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 100) String name,
                             @Schema(maxLength = 500) String description,
                             @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "Catalog scopes, e.g. projects:write")
                             List<String> permissions) {
    }

    @Dto
    @Schema(name = "SetRolePermissionsRequest")
    record SetPermissionsRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED,
            description = "The complete new set of catalog scopes") List<String> permissions) {
    }

    @Dto
    @Schema(name = "RoleAssignmentResource")
    record ResourceView(@Schema(implementation = WireEnums.ResourceType.class) String type, String id) {
    }

    @Dto
    @Schema(name = "RoleAssignment")
    record AssignmentView(String id, String organizationId,
                          @Schema(description = "role_… or a built-in role's name") String roleId,
                          @Schema(types = {"string", "null"}) String roleName, boolean builtIn, String userId, ResourceView resource,
                          @Schema(types = {"string", "null"}, format = "date-time") String expiresAt,
                          @Schema(implementation = WireEnums.AssignmentStatus.class) String status,
                          String createdBy, @Schema(format = "date-time") String createdAt) {
        static AssignmentView of(RoleAssignment a, String roleName, Instant now) {
            return new AssignmentView(a.id().text(), a.organizationId().text(), a.roleKey(), roleName, a.builtIn() != null,
                    a.userId().text(), new ResourceView(a.resource().type(), a.resource().id()), time(a.expiresAt()),
                    a.expiredAt(now) ? "expired" : "active", a.createdBy(), time(a.createdAt()));
        }
    }

    @Dto
    @Schema(name = "RoleAssignmentResponse")
    record AssignmentData(AssignmentView data) {
    }

    @Dto
    @Schema(name = "RoleAssignmentList")
    record AssignmentList(List<AssignmentView> data, Dtos.ListMeta meta, Dtos.ListLinks links) {
    }

    @Dto
    @Schema(name = "CreateRoleAssignmentRequest")
    record CreateAssignmentRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED,
                                           description = "role_… or admin, member, viewer (projects and environments)") String roleId,
                                   @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String userId,
                                   @Schema(requiredMode = Schema.RequiredMode.REQUIRED) ResourceView resource,
                                   @Schema(format = "date-time", description = "The assignment stops granting at this instant")
                                   String expiresAt) {
    }

    @Dto
    @Schema(name = "UserRole")
    record UserRoleView(@Schema(implementation = WireEnums.UserRoleSource.class) String source,
                        @Schema(types = {"string", "null"}, description = "The assignment's id (ra_…); null for the membership") String id,
                        String roleId, @Schema(types = {"string", "null"}) String roleName, boolean builtIn, ResourceView resource,
                        @Schema(types = {"string", "null"}, format = "date-time") String expiresAt,
                        @Schema(implementation = WireEnums.AssignmentStatus.class) String status) {
    }

    @Dto
    @Schema(name = "UserRoleList")
    record UserRoleList(List<UserRoleView> data) {
        static UserRoleList of(ListUserRoles.UserRoles roles, Instant now) {
            List<UserRoleView> out = new ArrayList<>();
            roles.membership().ifPresent(m -> out.add(new UserRoleView("membership", null, m.relation(), m.relation(), true,
                    new ResourceView("organization", roles.organization().text()), null, "active")));
            for (RoleAssignment a : roles.assignments()) {
                var def = roles.roles().get(a.roleKey());
                out.add(new UserRoleView("assignment", a.id().text(), a.roleKey(), def == null ? null : def.name(),
                        a.builtIn() != null, new ResourceView(a.resource().type(), a.resource().id()), time(a.expiresAt()),
                        a.expiredAt(now) ? "expired" : "active"));
            }
            return new UserRoleList(out);
        }
    }
}
