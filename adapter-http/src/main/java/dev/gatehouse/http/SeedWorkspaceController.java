package dev.gatehouse.http;

import dev.gatehouse.core.entitlements.EntitlementUseCases;
import dev.gatehouse.core.shared.Failure;
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

import java.util.Set;

/**
 * Seed 001's workspaces (ADR 32): a workspace is an organization; these routes hand over to
 * {@link OrganizationController}'s handlers, and a {@code tier} on create goes through the plan change
 * (a platform admin's decision, ADR 11).
 */
@Controller("/api/v1/workspaces")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = SeedDtos.TAG)
@ApiResponse(responseCode = "4XX", description = ProblemDocument.DESCRIPTION,
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDocument.class)))
@SecurityRequirement(name = "bearer")
final class SeedWorkspaceController {
    private static final Set<String> TIERS = Set.of("free", "starter", "pro", "agency", "enterprise");

    private final OrganizationController organizations;
    private final EntitlementUseCases entitlements;
    private final Callers callers;

    SeedWorkspaceController(OrganizationController organizations, EntitlementUseCases entitlements, Callers callers) {
        this.organizations = organizations;
        this.entitlements = entitlements;
        this.callers = callers;
    }

    @Get
    @Operation(summary = "Seed 001: list workspaces = GET /api/v1/organizations", operationId = "seedListWorkspaces")
    TenancyDtos.OrganizationList list(HttpRequest<?> request, @RequestBean ListParams params) {
        return organizations.list(request, params);
    }

    @Get("/{id}")
    @Operation(summary = "Seed 001: get a workspace = GET /api/v1/organizations/{id}", operationId = "seedGetWorkspace")
    TenancyDtos.OrganizationData get(HttpRequest<?> request, @PathVariable String id) {
        return organizations.get(request, id);
    }

    @Post(consumes = MediaType.APPLICATION_JSON)
    @Status(HttpStatus.CREATED)
    @Operation(summary = "Seed 001: create a workspace = POST /api/v1/organizations; a tier other than free is a plan change "
            + "(platform admins; 422 naming tier for others)", operationId = "seedCreateWorkspace")
    HttpResponse<SeedDtos.WorkspaceCreated> create(HttpRequest<?> request, @Body SeedDtos.CreateWorkspaceRequest body) {
        String tier = body.tier() == null ? null : body.tier().strip().toLowerCase(java.util.Locale.ROOT);
        if (tier != null && !TIERS.contains(tier)) {
            throw new FailureException(Failure.invalid("tier", "must be one of free, starter, pro, agency, enterprise"));
        }
        boolean planChange = tier != null && !tier.equals("free");
        if (planChange && !callers.caller(request).principal().platformAdmin()) {
            throw new FailureException(Failure.invalid("tier",
                    "only a platform admin creates a workspace on a paid tier (a plan change); omit it or use free"));
        }
        var created = organizations.create(request, new TenancyDtos.CreateOrganizationRequest(body.name(), body.slug(),
                body.settings()));
        TenancyDtos.OrganizationView org = created.body().data();
        if (planChange) {
            FailureException.value(entitlements.changePlan().handle(callers.caller(request),
                    OrganizationController.organizationId(org.id()), tier));
            org = organizations.get(request, org.id()).data();
        }
        return HttpResponse.created(new SeedDtos.WorkspaceCreated("Workspace created successfully.", org))
                .header("Location", "/api/v1/workspaces/" + org.id());
    }

    @Patch(value = "/{id}", consumes = MediaType.APPLICATION_JSON)
    @Operation(summary = "Seed 001: update a workspace = PATCH /api/v1/organizations/{id}", operationId = "seedUpdateWorkspace")
    TenancyDtos.OrganizationData update(HttpRequest<?> request, @PathVariable String id,
                                        @Body TenancyDtos.UpdateOrganizationRequest body) {
        return organizations.update(request, id, body);
    }

    @Delete("/{id}")
    @Status(HttpStatus.NO_CONTENT)
    @Operation(summary = "Seed 001: delete a workspace = DELETE /api/v1/organizations/{id}", operationId = "seedDeleteWorkspace")
    HttpResponse<Void> delete(HttpRequest<?> request, @PathVariable String id) {
        return organizations.delete(request, id);
    }
}
