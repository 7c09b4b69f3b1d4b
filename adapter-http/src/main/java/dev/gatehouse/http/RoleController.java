package dev.gatehouse.http;

import dev.gatehouse.core.roles.AssignRole;
import dev.gatehouse.core.roles.CreateRole;
import dev.gatehouse.core.roles.RoleUseCases;
import dev.gatehouse.core.roles.ListRoleAssignments;
import dev.gatehouse.core.roles.ListRoles;
import dev.gatehouse.core.roles.ListUserRoles;
import dev.gatehouse.core.roles.RoleAssignment;
import dev.gatehouse.core.roles.SetRolePermissions;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.PageRequest;
import dev.gatehouse.core.shared.RoleAssignmentId;
import dev.gatehouse.core.shared.UserId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestBean;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Custom roles (organization-scoped sets of catalog scopes; the built-in roles are listed read-only)
 * and their assignment to members on an organization, project or environment.
 */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Roles")
@ApiResponse(responseCode = "4XX", description = ProblemDocument.DESCRIPTION,
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDocument.class)))
@SecurityRequirement(name = "bearer")
final class RoleController {
    private final RoleUseCases roles;
    private final java.time.Clock clock;
    private final Callers callers;

    RoleController(RoleUseCases roles, Callers callers, java.time.Clock clock) {
        this.roles = roles;
        this.clock = clock;
        this.callers = callers;
    }

    private Instant now() {
        return clock.instant();
    }

    @Get("/roles")
    @Operation(summary = "List the roles of an organization (roles:read): the built-in ones (owner, admin, member, viewer; "
            + "built_in true) first, then custom roles by name; search matches name and description, status built_in or custom",
            operationId = "listRoles")
    RoleDtos.RoleList list(HttpRequest<?> request, @RequestBean ListParams params,
                           @Parameter(description = "The organization; implied for an API key caller")
                           @Nullable @QueryValue("organization_id") String organizationId) {
        Caller caller = callers.caller(request);
        var query = Lists.query(params, Set.of());
        var page = FailureException.value(roles.listRoles().handle(new ListRoles.Command(caller,
                OrganizationIds.organization(caller, organizationId), query)));
        return Lists.envelope(request, page, RoleDtos.RoleView::of, RoleDtos.RoleList::new);
    }

    @Post(value = "/roles", consumes = MediaType.APPLICATION_JSON)
    @Status(HttpStatus.CREATED)
    @Operation(summary = "Create a custom role (roles:write); permissions are catalog scopes the caller holds on the "
            + "organization; the name is unique in the organization ignoring case (409)", operationId = "createRole")
    HttpResponse<RoleDtos.RoleData> create(HttpRequest<?> request, @Body RoleDtos.CreateRoleRequest body) {
        Caller caller = callers.caller(request);
        var role = FailureException.value(roles.createRole().handle(new CreateRole.Command(caller,
                OrganizationIds.organization(caller, body.organizationId()), body.name(), body.description(), body.permissions())));
        return HttpResponse.created(new RoleDtos.RoleData(RoleDtos.RoleView.of(role))).header("Location", "/api/v1/roles/" + role.id());
    }

    @Get("/roles/{id}")
    @Operation(summary = "Get a role: a custom role (roles:read on its organization) or a built-in one by name",
            operationId = "getRole")
    RoleDtos.RoleData get(HttpRequest<?> request, @PathVariable String id) {
        return new RoleDtos.RoleData(RoleDtos.RoleView.of(FailureException.value(
                roles.getRole().handle(callers.caller(request), id))));
    }

    @Put(value = "/roles/{id}/permissions", consumes = MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace a custom role's permissions (roles:write); every holder gains or loses the difference at "
            + "once; added scopes must be held by the caller; built-in roles are read-only (409)",
            operationId = "setRolePermissions")
    RoleDtos.RoleData setPermissions(HttpRequest<?> request, @PathVariable String id,
                                     @Body RoleDtos.SetPermissionsRequest body) {
        return new RoleDtos.RoleData(RoleDtos.RoleView.of(FailureException.value(roles.setRolePermissions().handle(
                new SetRolePermissions.Command(callers.caller(request), id, body.permissions())))));
    }

    @Delete("/roles/{id}")
    @Operation(summary = "Delete a custom role with every assignment of it (roles:write); built-in roles cannot be deleted (409)",
            operationId = "deleteRole")
    HttpResponse<Void> delete(HttpRequest<?> request, @PathVariable String id) {
        FailureException.value(roles.deleteRole().handle(callers.caller(request), id));
        return HttpResponse.noContent();
    }

    @Get("/role-assignments")
    @Operation(summary = "List an organization's role assignments (roles:read), newest first; filters user_id, role_id "
            + "(role_… or a built-in name) and resource (type:id)", operationId = "listRoleAssignments")
    RoleDtos.AssignmentList listAssignments(HttpRequest<?> request,
                                            @Parameter(description = "The organization; implied for an API key caller")
                                            @Nullable @QueryValue("organization_id") String organizationId,
                                            @Nullable @QueryValue("user_id") String userId,
                                            @Nullable @QueryValue("role_id") String roleId,
                                            @Parameter(description = "type:id, e.g. project:prj_…")
                                            @Nullable @QueryValue("resource") String resource,
                                            @Parameter(description = "Page number, from 1.") @Nullable @QueryValue("page") String page,
                                            @Parameter(description = "Page size, 1 to 100.") @Nullable @QueryValue("per_page")
                                            String perPage) {
        Caller caller = callers.caller(request);
        Map<String, List<String>> errors = new LinkedHashMap<>();
        Integer p = Lists.integer("page", page, errors);
        Integer pp = Lists.integer("per_page", perPage, errors);
        if (!errors.isEmpty()) {
            throw new FailureException(Failure.invalid(errors));
        }
        PageRequest pageRequest = FailureException.value(PageRequest.of(p, pp, List.of()));
        var found = FailureException.value(roles.listRoleAssignments().handle(new ListRoleAssignments.Command(caller,
                OrganizationIds.organization(caller, organizationId), userId, roleId, resource, pageRequest)));
        Map<String, String> names = roleNames(caller, found.items());
        Instant now = now();
        return Lists.envelope(request, found, a -> RoleDtos.AssignmentView.of(a, names.get(a.roleKey()), now),
                RoleDtos.AssignmentList::new);
    }

    /** The names of the assignments' roles (built-in names are their ids). */
    private Map<String, String> roleNames(Caller caller, List<RoleAssignment> assignments) {
        Map<String, String> names = new LinkedHashMap<>();
        for (RoleAssignment a : assignments) {
            if (a.builtIn() != null) {
                names.put(a.roleKey(), a.roleKey());
            } else if (!names.containsKey(a.roleKey())) {
                var role = roles.getRole().handle(caller, a.roleKey());
                names.put(a.roleKey(), role.isOk() ? role.value().name() : null);
            }
        }
        return names;
    }

    @Post(value = "/role-assignments", consumes = MediaType.APPLICATION_JSON)
    @Status(HttpStatus.CREATED)
    @Operation(summary = "Assign a role to a member on an organization, project or environment (roles:write there); the caller "
            + "must hold every permission of the role there (403 naming the first missing scope); optional expires_at",
            operationId = "createRoleAssignment")
    HttpResponse<RoleDtos.AssignmentData> assign(HttpRequest<?> request, @Body RoleDtos.CreateAssignmentRequest body) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        Instant expiresAt = Lists.instant("expires_at", body.expiresAt(), errors);
        if (!errors.isEmpty()) {
            throw new FailureException(Failure.invalid(errors));
        }
        Caller caller = callers.caller(request);
        var resource = body.resource();
        RoleAssignment a = FailureException.value(roles.assignRole().handle(new AssignRole.Command(caller, body.roleId(),
                body.userId(), resource == null ? null : resource.type(), resource == null ? null : resource.id(), expiresAt)));
        return HttpResponse.created(new RoleDtos.AssignmentData(RoleDtos.AssignmentView.of(a,
                        roleNames(caller, List.of(a)).get(a.roleKey()), now())))
                .header("Location", "/api/v1/role-assignments/" + a.id().text());
    }

    @Delete("/role-assignments/{id}")
    @Operation(summary = "Remove a role assignment (roles:write on its resource); the access it gave ends at once",
            operationId = "deleteRoleAssignment")
    HttpResponse<Void> unassign(HttpRequest<?> request, @PathVariable String id) {
        RoleAssignmentId assignment = RoleAssignmentId.parse(id).orElseThrow(() -> FailureException.notFound("Role assignment"));
        FailureException.value(roles.unassignRole().handle(callers.caller(request), assignment));
        return HttpResponse.noContent();
    }

    @Get("/users/{id}/roles")
    @Operation(summary = "A user's roles in an organization (roles:read): the membership's built-in role and every role "
            + "assignment; not paged", operationId = "listUserRoles")
    RoleDtos.UserRoleList userRoles(HttpRequest<?> request, @PathVariable String id,
                                    @Parameter(description = "The organization; implied for an API key caller")
                                    @Nullable @QueryValue("organization_id") String organizationId) {
        Caller caller = callers.caller(request);
        UserId user = UserId.parse(id).orElseThrow(() -> FailureException.notFound("User"));
        return RoleDtos.UserRoleList.of(FailureException.value(roles.listUserRoles().handle(
                new ListUserRoles.Command(caller, OrganizationIds.organization(caller, organizationId), user))), now());
    }
}
