package dev.gatehouse.http;

import dev.gatehouse.core.tenancy.TenancyUseCases;
import dev.gatehouse.core.shared.ListQuery;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.ProjectId;
import dev.gatehouse.core.tenancy.projects.CreateProject;
import dev.gatehouse.core.tenancy.projects.Environment;
import dev.gatehouse.core.tenancy.projects.ListProjects;
import dev.gatehouse.core.tenancy.projects.UpdateProject;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
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

import java.util.List;
import java.util.Set;

/**
 * Projects: created in an organization the caller may write projects in, listed and read where they
 * may read them; soft-deleted and restored within 30 days. Ids of another tenant answer 404.
 */
@Controller("/api/v1/projects")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Projects")
@ApiResponse(responseCode = "4XX", description = ProblemDocument.DESCRIPTION,
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDocument.class)))
@SecurityRequirement(name = "bearer")
final class ProjectController {
    private final TenancyUseCases tenancy;
    private final Callers callers;

    ProjectController(TenancyUseCases tenancy, Callers callers) {
        this.tenancy = tenancy;
        this.callers = callers;
    }

    static ProjectId projectId(String text) {
        return ProjectId.parse(text).orElseThrow(() -> FailureException.notFound("Project"));
    }

    @Post(consumes = MediaType.APPLICATION_JSON)
    @Status(HttpStatus.CREATED)
    @Operation(summary = "Create a project in an organization (projects:write), with its environments", operationId = "createProject")
    HttpResponse<Dtos.ProjectData> create(HttpRequest<?> request, @Body Dtos.CreateProjectRequest body) {
        OrganizationId org = body.organizationId() == null ? null
                : OrganizationId.parse(body.organizationId()).orElseThrow(() -> FailureException.notFound("Organization"));
        List<CreateProject.EnvironmentSpec> envs = body.environments() == null ? null : body.environments().stream()
                .map(e -> e == null ? null : new CreateProject.EnvironmentSpec(e.name(), e.kind())).toList();
        var created = FailureException.value(tenancy.createProject().handle(new CreateProject.Command(callers.caller(request),
                org, body.name(), body.description(), envs)));
        return HttpResponse.created(new Dtos.ProjectData(Dtos.ProjectView.of(created.project(), created.environments())))
                .header("Location", "/api/v1/projects/" + created.project().id().text());
    }

    @Get
    @Operation(summary = "List the projects the caller may read; sortable by created_at, updated_at, name; "
            + "search matches name and description; status active (default) or deleted (restorable ones)",
            operationId = "listProjects")
    Dtos.ProjectList list(HttpRequest<?> request, @RequestBean ListParams params,
                          @Parameter(description = "Only this organization's projects")
                          @Nullable @QueryValue("organization_id") String organizationId) {
        ListQuery query = Lists.query(params, ListProjects.SORTABLE);
        OrganizationId org = null;
        if (organizationId != null && !organizationId.isBlank()) {
            var parsed = OrganizationId.parse(organizationId.strip());
            if (parsed.isEmpty()) {
                // an organization that cannot exist has no projects the caller may read
                return Lists.envelope(request, Lists.slice(List.<Dtos.ProjectView>of(), query.page()), v -> v, Dtos.ProjectList::new);
            }
            org = parsed.get();
        }
        var page = FailureException.value(tenancy.listProjects().handle(new ListProjects.Command(callers.caller(request), query, org)));
        return Lists.envelope(request, page, Dtos.ProjectView::of, Dtos.ProjectList::new);
    }

    @Get("/{id}")
    @Operation(summary = "Get a project (projects:read)", operationId = "getProject")
    Dtos.ProjectData get(HttpRequest<?> request, @PathVariable String id) {
        return new Dtos.ProjectData(Dtos.ProjectView.of(FailureException.value(
                tenancy.getProject().handle(callers.caller(request), projectId(id)))));
    }

    @Patch(value = "/{id}", consumes = MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a project's name or description (projects:write)", operationId = "updateProject")
    Dtos.ProjectData update(HttpRequest<?> request, @PathVariable String id, @Body Dtos.UpdateProjectRequest body) {
        return new Dtos.ProjectData(Dtos.ProjectView.of(FailureException.value(tenancy.updateProject().handle(
                new UpdateProject.Command(callers.caller(request), projectId(id), body.name(), body.description())))));
    }

    @Delete("/{id}")
    @Operation(summary = "Soft-delete a project (projects:delete); restorable for 30 days, then purged", operationId = "deleteProject")
    HttpResponse<Void> delete(HttpRequest<?> request, @PathVariable String id) {
        FailureException.value(tenancy.deleteProject().handle(callers.caller(request), projectId(id)));
        return HttpResponse.noContent();
    }

    @Post("/{id}/restore")
    @Operation(summary = "Restore a project deleted less than 30 days ago (projects:delete); 409 when not deleted or too late",
            operationId = "restoreProject")
    Dtos.ProjectData restore(HttpRequest<?> request, @PathVariable String id) {
        return new Dtos.ProjectData(Dtos.ProjectView.of(FailureException.value(
                tenancy.restoreProject().handle(callers.caller(request), projectId(id)))));
    }

    @Get("/{id}/environments")
    @Operation(summary = "List a project's environments, oldest first (environments:read)", operationId = "listProjectEnvironments")
    Dtos.EnvironmentList environments(HttpRequest<?> request, @PathVariable String id, @RequestBean ListParams params) {
        ListQuery query = Lists.query(params, Set.of());
        List<Environment> all = FailureException.value(tenancy.listEnvironments().handle(callers.caller(request), projectId(id)));
        return Lists.envelope(request, Lists.slice(all, query.page()), Dtos.EnvironmentView::of, Dtos.EnvironmentList::new);
    }
}
