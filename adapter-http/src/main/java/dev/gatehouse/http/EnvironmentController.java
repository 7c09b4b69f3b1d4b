package dev.gatehouse.http;

import dev.gatehouse.core.tenancy.TenancyUseCases;
import dev.gatehouse.core.shared.EnvironmentId;
import dev.gatehouse.core.shared.ProjectId;
import dev.gatehouse.core.tenancy.projects.CreateEnvironment;
import dev.gatehouse.core.tenancy.projects.Environment;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Environments of projects; they are listed under their project ({@code GET /api/v1/projects/{id}/environments}). */
@Controller("/api/v1/environments")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Environments")
@ApiResponse(responseCode = "4XX", description = ProblemDocument.DESCRIPTION,
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDocument.class)))
@SecurityRequirement(name = "bearer")
final class EnvironmentController {
    private final TenancyUseCases tenancy;
    private final Callers callers;

    EnvironmentController(TenancyUseCases tenancy, Callers callers) {
        this.tenancy = tenancy;
        this.callers = callers;
    }

    @Post(consumes = MediaType.APPLICATION_JSON)
    @Status(HttpStatus.CREATED)
    @Operation(summary = "Add an environment to a project (environments:write); names are unique per project (409)",
            operationId = "createEnvironment")
    HttpResponse<Dtos.EnvironmentData> create(HttpRequest<?> request, @Body Dtos.CreateEnvironmentRequest body) {
        ProjectId project = body.projectId() == null ? null : ProjectController.projectId(body.projectId());
        Environment env = FailureException.value(tenancy.createEnvironment().handle(new CreateEnvironment.Command(
                callers.caller(request), project, body.name(), body.kind())));
        return HttpResponse.created(new Dtos.EnvironmentData(Dtos.EnvironmentView.of(env)))
                .header("Location", "/api/v1/projects/" + env.projectId().text() + "/environments");
    }

    @Delete("/{id}")
    @Operation(summary = "Delete an environment (environments:write); a project's last production environment stays (409)",
            operationId = "deleteEnvironment")
    HttpResponse<Void> delete(HttpRequest<?> request, @PathVariable String id) {
        EnvironmentId envId = EnvironmentId.parse(id).orElseThrow(() -> FailureException.notFound("Environment"));
        FailureException.value(tenancy.deleteEnvironment().handle(callers.caller(request), envId));
        return HttpResponse.noContent();
    }
}
