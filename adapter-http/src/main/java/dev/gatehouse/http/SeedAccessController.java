package dev.gatehouse.http;

import dev.gatehouse.core.shared.Failure;
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
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import java.util.ArrayList;
import java.util.List;

/**
 * Seed 002's paths that differ from Gatehouse's (ADR 32): access requests at {@code /api/v1/requests},
 * role assignments at {@code /api/v1/user-roles}, a project's status, and every environment the caller
 * may read. Each hands over to the canonical controller's handler.
 */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = SeedDtos.TAG)
@ApiResponse(responseCode = "4XX", description = ProblemDocument.DESCRIPTION,
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDocument.class)))
@SecurityRequirement(name = "bearer")
final class SeedAccessController {
    private static final int MAX_PROJECTS = 1000;
    /** The role a read request asks for when it names none. */
    private static final String READ_ROLE = "viewer";

    private final ApprovalController approvals;
    private final RoleController roles;
    private final ProjectController projects;

    SeedAccessController(ApprovalController approvals, RoleController roles, ProjectController projects) {
        this.approvals = approvals;
        this.roles = roles;
        this.projects = projects;
    }

    // --- /api/v1/requests = /api/v1/access-requests ---

    @Post(value = "/requests", consumes = MediaType.APPLICATION_JSON)
    @Status(HttpStatus.CREATED)
    @Operation(summary = "Seed 002: submit a request = POST /api/v1/access-requests", operationId = "seedSubmitRequest")
    HttpResponse<ApprovalDtos.AccessRequestData> submit(HttpRequest<?> request, @Body ApprovalDtos.CreateAccessRequest body) {
        return approvals.submit(request, body);
    }

    @Post(value = "/requests/read", consumes = MediaType.APPLICATION_JSON)
    @Status(HttpStatus.CREATED)
    @Operation(summary = "Seed 002: submit a read request = POST /api/v1/access-requests for read access only: the viewer role "
            + "(when neither role nor permission is named) or a read permission (…:read); another role or permission is 422 "
            + "naming it", operationId = "seedSubmitReadRequest")
    HttpResponse<ApprovalDtos.AccessRequestData> submitRead(HttpRequest<?> request, @Body ApprovalDtos.CreateAccessRequest body) {
        String role = body.role();
        String permission = body.permission();
        if (role == null && permission == null) {
            role = READ_ROLE;
        } else if (role != null && permission == null && !role.strip().equals(READ_ROLE)) {
            throw new FailureException(Failure.invalid("role", "a read request asks for the viewer role or a read permission"));
        } else if (permission != null && role == null && !permission.strip().endsWith(":read")) {
            throw new FailureException(Failure.invalid("permission", "a read request asks for a read permission (…:read) "
                    + "or the viewer role"));
        }
        return approvals.submit(request, new ApprovalDtos.CreateAccessRequest(body.resourceType(), body.resourceId(), role,
                permission, body.durationMinutes(), body.reason(), body.requesterId()));
    }

    @Get("/requests")
    @Operation(summary = "Seed 002: list requests = GET /api/v1/access-requests; ?requester_id and ?status filter",
            operationId = "seedListRequests")
    ApprovalDtos.AccessRequestList list(HttpRequest<?> request, @RequestBean ListParams params,
                                        @Nullable @QueryValue("organization_id") String organizationId,
                                        @Nullable @QueryValue("requester_id") String requesterId,
                                        @Nullable @QueryValue("resource_type") String resourceType,
                                        @Nullable @QueryValue("resource_id") String resourceId) {
        return approvals.list(request, params, SeedProfile.organization(request, organizationId), requesterId, resourceType,
                resourceId);
    }

    @Get("/requests/{id}")
    @Operation(summary = "Seed 002: get a request with its approvals = GET /api/v1/access-requests/{id}", operationId = "seedGetRequest")
    ApprovalDtos.AccessRequestData get(HttpRequest<?> request, @PathVariable String id) {
        return approvals.get(request, id);
    }

    @Post(value = "/requests/{id}/approve", consumes = MediaType.APPLICATION_JSON)
    @Status(HttpStatus.OK)
    @Operation(summary = "Seed 002: approve {approver_id, comment?} = POST /api/v1/access-requests/{id}/approve",
            operationId = "seedApproveRequest")
    ApprovalDtos.AccessRequestData approve(HttpRequest<?> request, @PathVariable String id, @Nullable @Body ApprovalDtos.ApproveBody body) {
        return approvals.approve(request, id, body);
    }

    @Post(value = "/requests/{id}/reject", consumes = MediaType.APPLICATION_JSON)
    @Status(HttpStatus.OK)
    @Operation(summary = "Seed 002: reject {approver_id, reason} = POST /api/v1/access-requests/{id}/reject",
            operationId = "seedRejectRequest")
    ApprovalDtos.AccessRequestData reject(HttpRequest<?> request, @PathVariable String id, @Nullable @Body ApprovalDtos.RejectBody body) {
        return approvals.reject(request, id, body);
    }

    @Post(value = "/requests/{id}/cancel", consumes = MediaType.APPLICATION_JSON)
    @Status(HttpStatus.OK)
    @Operation(summary = "Seed 002: cancel {actor_id} (the requester only) = POST /api/v1/access-requests/{id}/cancel",
            operationId = "seedCancelRequest")
    ApprovalDtos.AccessRequestData cancel(HttpRequest<?> request, @PathVariable String id, @Nullable @Body ApprovalDtos.CancelBody body) {
        return approvals.cancel(request, id, body);
    }

    // --- /api/v1/user-roles = /api/v1/role-assignments ---

    @Post(value = "/user-roles", consumes = MediaType.APPLICATION_JSON)
    @Status(HttpStatus.CREATED)
    @Operation(summary = "Seed 002: assign a role = POST /api/v1/role-assignments", operationId = "seedCreateUserRole")
    HttpResponse<RoleDtos.AssignmentData> assign(HttpRequest<?> request, @Body RoleDtos.CreateAssignmentRequest body) {
        return roles.assign(request, body);
    }

    @Get("/user-roles")
    @Operation(summary = "Seed 002: list role assignments = GET /api/v1/role-assignments", operationId = "seedListUserRoles")
    RoleDtos.AssignmentList listAssignments(HttpRequest<?> request, @Nullable @QueryValue("organization_id") String organizationId,
                                            @Nullable @QueryValue("user_id") String userId,
                                            @Nullable @QueryValue("role_id") String roleId,
                                            @Nullable @QueryValue("resource") String resource,
                                            @Nullable @QueryValue("page") String page,
                                            @Nullable @QueryValue("per_page") String perPage) {
        return roles.listAssignments(request, SeedProfile.organization(request, organizationId), userId, roleId, resource, page, perPage);
    }

    @Delete("/user-roles/{id}")
    @Status(HttpStatus.NO_CONTENT)
    @Operation(summary = "Seed 002: remove a role assignment = DELETE /api/v1/role-assignments/{id}", operationId = "seedDeleteUserRole")
    HttpResponse<Void> unassign(HttpRequest<?> request, @PathVariable String id) {
        return roles.unassign(request, id);
    }

    // --- projects and environments ---

    @Put(value = "/projects/{id}/status", consumes = MediaType.APPLICATION_JSON)
    @Operation(summary = "Seed 002: set a project's status: archived (or deleted) = DELETE /api/v1/projects/{id} (soft, "
            + "restorable 30 days), active = POST /api/v1/projects/{id}/restore (an active project stays as it is)",
            operationId = "seedSetProjectStatus")
    SeedDtos.ProjectStatusData status(HttpRequest<?> request, @PathVariable String id, @Body SeedDtos.ProjectStatusRequest body) {
        String status = body.status();
        if (status == null) {
            throw new FailureException(Failure.invalid("status", "is required: active or archived"));
        }
        switch (status) {
            case "archived", "deleted" -> {
                projects.delete(request, id);
                return new SeedDtos.ProjectStatusData(new SeedDtos.ProjectStatusView(id, "archived"));
            }
            case "active" -> {
                Dtos.ProjectData project;
                try {
                    project = projects.restore(request, id);
                } catch (FailureException e) {
                    if (e.failure().reason() != dev.gatehouse.core.shared.Reason.INVALID_STATE
                            && e.failure().reason() != dev.gatehouse.core.shared.Reason.CONFLICT) {
                        throw e;
                    }
                    project = projects.get(request, id); // not deleted: already active (and 404 when past restoring)
                }
                return new SeedDtos.ProjectStatusData(new SeedDtos.ProjectStatusView(project.data().id(), "active"));
            }
            default -> throw new FailureException(Failure.invalid("status", "must be active or archived"));
        }
    }

    @Get("/environments")
    @Operation(summary = "Seed 002: list environments: of ?project_id (= GET /api/v1/projects/{id}/environments), else of every "
            + "project the caller may read (of ?organization_id / X-Workspace-ID when named)", operationId = "seedListEnvironments")
    Dtos.EnvironmentList environments(HttpRequest<?> request, @RequestBean ListParams params,
                                      @Nullable @QueryValue("project_id") String projectId,
                                      @Nullable @QueryValue("organization_id") String organizationId) {
        if (projectId != null && !projectId.isBlank()) {
            return projects.environments(request, projectId.strip(), params);
        }
        var query = Lists.query(params, java.util.Set.of());
        List<Dtos.EnvironmentView> all = new ArrayList<>();
        String named = SeedProfile.named(request, organizationId);
        for (int page = 1; page <= MAX_PROJECTS / 100; page++) {
            var list = projects.list(request, new ListParams(String.valueOf(page), "100", "created_at", null, null, null, null, null,
                    null), named);
            for (Dtos.ProjectView p : list.data()) {
                try {
                    all.addAll(projects.environments(request, p.id(), new ListParams(null, "100", null, null, null, null, null, null,
                            null)).data());
                } catch (FailureException e) {
                    // a project the caller reads without environments:read there: its environments are not listed
                    if (e.failure().reason() != dev.gatehouse.core.shared.Reason.FORBIDDEN
                            && e.failure().reason() != dev.gatehouse.core.shared.Reason.NOT_FOUND) {
                        throw e;
                    }
                }
            }
            if (list.data().size() < 100) {
                break;
            }
        }
        return Lists.envelope(request, Lists.slice(all, query.page()), v -> v, Dtos.EnvironmentList::new);
    }
}
