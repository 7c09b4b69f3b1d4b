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
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
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

import java.util.Set;

/**
 * Seeds 000 ({@code /api/projects…}, {@code /api/projects/{id}/keys…}) and 004 ({@code /projects…},
 * {@code /projects/{id}/api-keys}, {@code /api-keys/{id}}): projects and their keys, handed to
 * {@link ProjectController} and {@link ApiKeyController} (ADR 32). The organization is the body's
 * {@code organization_id}, else {@code X-Workspace-ID}, else an API key caller's own. Also seed 000's
 * module reads that Gatehouse has: tenants ({@code /api/tenants…}) are organizations, handed to
 * {@link OrganizationController}; webhooks ({@code /api/webhooks…}) go to {@link WebhookController};
 * writes stay at the canonical paths, the product modules are out of scope.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = SeedDtos.TAG)
@ApiResponse(responseCode = "4XX", description = ProblemDocument.DESCRIPTION,
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDocument.class)))
@SecurityRequirement(name = "bearer")
final class SeedProjectController {
    private static final Set<String> KINDS = Set.of("production", "staging", "development");
    private static final String DEFAULT_KEY_NAME = "API key";

    private final ProjectController projects;
    private final ApiKeyController keys;
    private final OrganizationController organizations;
    private final WebhookController webhooks;

    SeedProjectController(ProjectController projects, ApiKeyController keys, OrganizationController organizations,
                          WebhookController webhooks) {
        this.projects = projects;
        this.keys = keys;
        this.organizations = organizations;
        this.webhooks = webhooks;
    }

    private static String kind(String environment, String fallback) {
        if (environment == null) {
            return fallback;
        }
        if (!KINDS.contains(environment)) {
            throw new FailureException(Failure.invalid("environment", "must be production, staging or development"));
        }
        return environment;
    }

    /** POST /api/v1/projects in the organization of the body, X-Workspace-ID or the key. */
    HttpResponse<Dtos.ProjectData> createProject(HttpRequest<?> request, Dtos.CreateProjectRequest body) {
        return projects.create(request, new Dtos.CreateProjectRequest(SeedProfile.organization(request, body.organizationId()),
                body.name(), body.description(), body.environments()));
    }

    private HttpResponse<Dtos.ProjectData> createProject(HttpRequest<?> request, SeedDtos.CreateProjectRequest body) {
        return createProject(request, new Dtos.CreateProjectRequest(body.organizationId(), body.name(), body.description(), null));
    }

    /** GET /api/v1/projects of ?organization_id, else X-Workspace-ID, else every project the caller may read. */
    Dtos.ProjectList listProjects(HttpRequest<?> request, ListParams params, String organizationId) {
        return projects.list(request, params, SeedProfile.named(request, organizationId));
    }

    private Dtos.ProjectData update(HttpRequest<?> request, String id, SeedDtos.UpdateProjectRequest body) {
        if (body.environment() != null) {
            kind(body.environment(), null); // every project has all three; any other value is 422
        }
        return projects.update(request, id, new Dtos.UpdateProjectRequest(body.name(), body.description()));
    }

    /** DELETE /api/v1/api-keys/{keyId} when the key is the project's; a key of another project is 404. */
    HttpResponse<Void> revokeProjectKey(HttpRequest<?> request, String projectId, String keyId) {
        if (!projectId.equals(keys.get(request, keyId).data().projectId())) {
            throw FailureException.notFound("API key");
        }
        return keys.revoke(request, keyId);
    }

    private HttpResponse<ApiKeyDtos.ApiKeyData> createKey(HttpRequest<?> request, String id, SeedDtos.CreateProjectKeyRequest body) {
        SeedDtos.CreateProjectKeyRequest b = body == null ? new SeedDtos.CreateProjectKeyRequest(null, null, null, null, null) : body;
        return keys.createForProject(request, id, new ApiKeyDtos.CreateProjectApiKeyRequest(
                b.name() == null ? DEFAULT_KEY_NAME : b.name(), b.environment() == null ? "production" : b.environment(),
                b.scopes(), b.expiresAt(), b.rateLimitTier()));
    }

    // --- seed 004: /projects, /projects/{projectId}/api-keys, /api-keys/{id} ---

    @Get("/projects")
    @Operation(summary = "Seed 004: list projects = GET /api/v1/projects", operationId = "seed004ListProjects")
    Dtos.ProjectList list004(HttpRequest<?> request, @RequestBean ListParams params,
                             @Nullable @QueryValue("organization_id") String organizationId) {
        return listProjects(request, params, organizationId);
    }

    @Post(value = "/projects", consumes = MediaType.APPLICATION_JSON)
    @Status(HttpStatus.CREATED)
    @Operation(summary = "Seed 004: create a project = POST /api/v1/projects, and one API key for its environment (default "
            + "production) = POST /api/v1/projects/{id}/api-keys; the raw key is apiKey, once. When the key cannot be issued the "
            + "project is deleted again and the key's failure answered", operationId = "seed004CreateProject")
    HttpResponse<SeedDtos.ProjectCreated> create004(HttpRequest<?> request, @Body SeedDtos.CreateProjectRequest body) {
        String environment = kind(body.environment(), "production");
        Dtos.ProjectView project = createProject(request, body).body().data();
        ApiKeyDtos.ApiKeyView key;
        try {
            key = keys.createForProject(request, project.id(), new ApiKeyDtos.CreateProjectApiKeyRequest(
                    project.name().length() > 90 ? DEFAULT_KEY_NAME : project.name() + " key", environment, null, null, null))
                    .body().data();
        } catch (FailureException e) {
            projects.delete(request, project.id());
            throw e;
        }
        return HttpResponse.created(new SeedDtos.ProjectCreated(project, project, environment, key.key(), key.withoutKey()))
                .header("Location", "/projects/" + project.id());
    }

    @Get("/projects/{id}")
    @Operation(summary = "Seed 004: get a project = GET /api/v1/projects/{id}", operationId = "seed004GetProject")
    Dtos.ProjectData get004(HttpRequest<?> request, @PathVariable String id) {
        return projects.get(request, id);
    }

    @Patch(value = "/projects/{id}", consumes = MediaType.APPLICATION_JSON)
    @Operation(summary = "Seed 004: update a project's name = PATCH /api/v1/projects/{id}; environment must be one the project "
            + "has (all three) and changes nothing", operationId = "seed004UpdateProject")
    Dtos.ProjectData update004(HttpRequest<?> request, @PathVariable String id, @Body SeedDtos.UpdateProjectRequest body) {
        return update(request, id, body);
    }

    @Delete("/projects/{id}")
    @Status(HttpStatus.NO_CONTENT)
    @Operation(summary = "Seed 004: delete a project = DELETE /api/v1/projects/{id} (its keys stop at once; purged after 30 days)",
            operationId = "seed004DeleteProject")
    HttpResponse<Void> delete004(HttpRequest<?> request, @PathVariable String id) {
        return projects.delete(request, id);
    }

    @Get("/projects/{id}/api-keys")
    @Operation(summary = "Seed 004: list a project's API keys = GET /api/v1/projects/{id}/api-keys", operationId = "seed004ListKeys")
    ApiKeyDtos.ApiKeyList listKeys004(HttpRequest<?> request, @PathVariable String id, @RequestBean ListParams params) {
        return keys.listForProject(request, id, params);
    }

    @Post(value = "/projects/{id}/api-keys", consumes = MediaType.APPLICATION_JSON)
    @Status(HttpStatus.CREATED)
    @Operation(summary = "Seed 004: create an API key = POST /api/v1/projects/{id}/api-keys; name optional (default \"API key\"), "
            + "environment default production; the key is returned once", operationId = "seed004CreateKey")
    HttpResponse<ApiKeyDtos.ApiKeyData> createKey004(HttpRequest<?> request, @PathVariable String id,
                                                     @Nullable @Body SeedDtos.CreateProjectKeyRequest body) {
        return createKey(request, id, body);
    }

    @Delete("/api-keys/{id}")
    @Status(HttpStatus.NO_CONTENT)
    @Operation(summary = "Seed 004: revoke an API key = DELETE /api/v1/api-keys/{id}", operationId = "seed004RevokeKey")
    HttpResponse<Void> revoke004(HttpRequest<?> request, @PathVariable String id) {
        return keys.revoke(request, id);
    }

    // --- seed 000: /api/projects, /api/projects/{id}/keys ---

    @Get("/api/projects")
    @Operation(summary = "Seed 000: list projects = GET /api/v1/projects", operationId = "seed000ListProjects")
    Dtos.ProjectList list000(HttpRequest<?> request, @RequestBean ListParams params,
                             @Nullable @QueryValue("organization_id") String organizationId) {
        return listProjects(request, params, organizationId);
    }

    @Post(value = "/api/projects", consumes = MediaType.APPLICATION_JSON)
    @Status(HttpStatus.CREATED)
    @Operation(summary = "Seed 000: create a project = POST /api/v1/projects", operationId = "seed000CreateProject")
    HttpResponse<Dtos.ProjectData> create000(HttpRequest<?> request, @Body SeedDtos.CreateProjectRequest body) {
        if (body.environment() != null) {
            throw new FailureException(Failure.invalid("environment", "not a field of this route (seed 004's POST /projects takes it)"));
        }
        var created = createProject(request, body);
        return HttpResponse.created(created.body()).header("Location", "/api/projects/" + created.body().data().id());
    }

    @Get("/api/projects/{id}")
    @Operation(summary = "Seed 000: read a project = GET /api/v1/projects/{id}", operationId = "seed000GetProject")
    Dtos.ProjectData get000(HttpRequest<?> request, @PathVariable String id) {
        return projects.get(request, id);
    }

    @Patch(value = "/api/projects/{id}", consumes = MediaType.APPLICATION_JSON)
    @Operation(summary = "Seed 000: update a project = PATCH /api/v1/projects/{id}", operationId = "seed000UpdateProject")
    Dtos.ProjectData update000(HttpRequest<?> request, @PathVariable String id, @Body SeedDtos.UpdateProjectRequest body) {
        return update(request, id, body);
    }

    @Delete("/api/projects/{id}")
    @Status(HttpStatus.NO_CONTENT)
    @Operation(summary = "Seed 000: soft-delete a project = DELETE /api/v1/projects/{id}", operationId = "seed000DeleteProject")
    HttpResponse<Void> delete000(HttpRequest<?> request, @PathVariable String id) {
        return projects.delete(request, id);
    }

    @Get("/api/projects/{id}/keys")
    @Operation(summary = "Seed 000: list API keys = GET /api/v1/projects/{id}/api-keys", operationId = "seed000ListKeys")
    ApiKeyDtos.ApiKeyList listKeys000(HttpRequest<?> request, @PathVariable String id, @RequestBean ListParams params) {
        return keys.listForProject(request, id, params);
    }

    @Post(value = "/api/projects/{id}/keys", consumes = MediaType.APPLICATION_JSON)
    @Status(HttpStatus.CREATED)
    @Operation(summary = "Seed 000: create an API key (returned once) = POST /api/v1/projects/{id}/api-keys; name default "
            + "\"API key\", environment default production", operationId = "seed000CreateKey")
    HttpResponse<ApiKeyDtos.ApiKeyData> createKey000(HttpRequest<?> request, @PathVariable String id,
                                                     @Nullable @Body SeedDtos.CreateProjectKeyRequest body) {
        return createKey(request, id, body);
    }

    @Delete("/api/projects/{id}/keys/{kid}")
    @Status(HttpStatus.NO_CONTENT)
    @Operation(summary = "Seed 000: revoke a key = DELETE /api/v1/api-keys/{kid}; a key of another project is 404",
            operationId = "seed000RevokeKey")
    HttpResponse<Void> revokeKey000(HttpRequest<?> request, @PathVariable String id, @PathVariable String kid) {
        return revokeProjectKey(request, id, kid);
    }

    // --- seed 000's module reads: /api/tenants (organizations), /api/webhooks ---

    @Get("/api/tenants")
    @Operation(summary = "Seed 000: list tenants = GET /api/v1/organizations (the caller's; a key: its own)",
            operationId = "seed000ListTenants")
    TenancyDtos.OrganizationList listTenants000(HttpRequest<?> request, @RequestBean ListParams params) {
        return organizations.list(request, params);
    }

    @Get("/api/tenants/{id}")
    @Operation(summary = "Seed 000: read a tenant = GET /api/v1/organizations/{id}", operationId = "seed000GetTenant")
    TenancyDtos.OrganizationData getTenant000(HttpRequest<?> request, @PathVariable String id) {
        return organizations.get(request, id);
    }

    @Get("/api/webhooks")
    @Operation(summary = "Seed 000: list webhook endpoints = GET /api/v1/webhooks (organization: ?organization_id, X-Workspace-ID "
            + "or an API key's own)", operationId = "seed000ListWebhooks")
    WebhookDtos.WebhookList listWebhooks000(HttpRequest<?> request, @RequestBean ListParams params,
                                            @Nullable @QueryValue("organization_id") String organizationId) {
        return webhooks.list(request, params, organizationId);
    }

    @Get("/api/webhooks/{id}")
    @Operation(summary = "Seed 000: read a webhook endpoint, never its secret = GET /api/v1/webhooks/{id}",
            operationId = "seed000GetWebhook")
    WebhookDtos.WebhookData getWebhook000(HttpRequest<?> request, @PathVariable String id) {
        return webhooks.get(request, id);
    }

    @Get("/api/webhooks/{id}/deliveries")
    @Operation(summary = "Seed 000: a webhook endpoint's deliveries = GET /api/v1/webhooks/{id}/deliveries",
            operationId = "seed000ListWebhookDeliveries")
    WebhookDtos.DeliveryList listDeliveries000(HttpRequest<?> request, @PathVariable String id, @RequestBean ListParams params) {
        return webhooks.deliveries(request, id, params);
    }
}
