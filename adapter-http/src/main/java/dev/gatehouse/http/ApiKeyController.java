package dev.gatehouse.http;

import dev.gatehouse.core.keys.IssueApiKey;
import dev.gatehouse.core.keys.KeyUseCases;
import dev.gatehouse.core.keys.ListApiKeys;
import dev.gatehouse.core.keys.RotateApiKey;
import dev.gatehouse.core.keys.VerifyApiKey;
import dev.gatehouse.core.shared.ApiKeyId;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.ListQuery;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.ProjectId;
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

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * API keys: issued for a project environment or an organization (the secret is in the create
 * response only), listed, read, revoked, and verified for services that receive them.
 */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "API keys")
@ApiResponse(responseCode = "4XX", description = ProblemDocument.DESCRIPTION,
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDocument.class)))
@SecurityRequirement(name = "bearer")
final class ApiKeyController {
    private final KeyUseCases keys;
    private final Callers callers;
    private final Clock clock;

    ApiKeyController(KeyUseCases keys, Callers callers, Clock clock) {
        this.keys = keys;
        this.callers = callers;
        this.clock = clock;
    }

    private static ApiKeyId keyId(String text) {
        return ApiKeyId.parse(text).orElseThrow(() -> FailureException.notFound("API key"));
    }

    private static Instant expiresAt(String text) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        Instant at = Lists.instant("expires_at", text, errors);
        if (!errors.isEmpty()) {
            throw new FailureException(Failure.invalid(errors));
        }
        return at;
    }

    private Instant now() {
        return clock.instant();
    }

    private HttpResponse<ApiKeyDtos.ApiKeyData> created(IssueApiKey.Issued issued) {
        return HttpResponse.created(new ApiKeyDtos.ApiKeyData("API key created successfully.",
                        ApiKeyDtos.ApiKeyView.of(issued.key(), now(), issued.secret().reveal())))
                .header("Location", "/api/v1/api-keys/" + issued.key().id().text());
    }

    @Post(value = "/projects/{id}/api-keys", consumes = MediaType.APPLICATION_JSON)
    @Status(HttpStatus.CREATED)
    @Operation(summary = "Issue an API key for an environment of the project (api-keys:write on the environment; members may for "
            + "non-production ones); scopes no wider than the caller's own; the key is returned once", operationId = "createProjectApiKey")
    HttpResponse<ApiKeyDtos.ApiKeyData> createForProject(HttpRequest<?> request, @PathVariable String id,
                                                         @Body ApiKeyDtos.CreateProjectApiKeyRequest body) {
        ProjectId project = ProjectController.projectId(id);
        return created(FailureException.value(keys.issueApiKey().handle(new IssueApiKey.Command(callers.caller(request), null,
                project, body.environment(), body.name(), SeedProfile.scopes(body.scopes()), expiresAt(body.expiresAt()), body.rateLimitTier()))));
    }

    @Get("/projects/{id}/api-keys")
    @Operation(summary = "List a project's API keys (api-keys:read), newest first; sortable by created_at, name; "
            + "status active, rotating, revoked, expired", operationId = "listProjectApiKeys")
    ApiKeyDtos.ApiKeyList listForProject(HttpRequest<?> request, @PathVariable String id, @RequestBean ListParams params) {
        return list(request, null, ProjectController.projectId(id), params);
    }

    @Post(value = "/api-keys", consumes = MediaType.APPLICATION_JSON)
    @Status(HttpStatus.CREATED)
    @Operation(summary = "Issue an organization-wide API key (api-keys:write on the organization); always sk_live_; "
            + "the key is returned once", operationId = "createOrganizationApiKey")
    HttpResponse<ApiKeyDtos.ApiKeyData> createForOrganization(HttpRequest<?> request,
                                                              @Body ApiKeyDtos.CreateOrganizationApiKeyRequest body) {
        String named = SeedProfile.organization(request, body.organizationId());
        OrganizationId org = named == null ? null
                : OrganizationId.parse(named).orElseThrow(() -> FailureException.notFound("Organization"));
        return created(FailureException.value(keys.issueApiKey().handle(new IssueApiKey.Command(callers.caller(request), org,
                null, null, body.name(), SeedProfile.scopes(body.scopes()), expiresAt(body.expiresAt()), body.rateLimitTier()))));
    }

    @Get("/api-keys")
    @Operation(summary = "List an organization's organization-wide API keys (api-keys:read)", operationId = "listOrganizationApiKeys")
    ApiKeyDtos.ApiKeyList listForOrganization(HttpRequest<?> request, @RequestBean ListParams params,
                                              @Parameter(description = "The organization; implied for an API key caller")
                                              @Nullable @QueryValue("organization_id") String organizationId) {
        return list(request, OrganizationIds.organization(request, organizationId), null, params);
    }

    /** A page of the organization's organization-wide keys, or of the project's keys. */
    private ApiKeyDtos.ApiKeyList list(HttpRequest<?> request, OrganizationId organization, ProjectId project, ListParams params) {
        ListQuery query = Lists.query(params, ListApiKeys.SORTABLE);
        var page = FailureException.value(keys.listApiKeys().handle(new ListApiKeys.Command(callers.caller(request), organization,
                project, query)));
        Instant now = now();
        return Lists.envelope(request, page, k -> ApiKeyDtos.ApiKeyView.of(k, now), ApiKeyDtos.ApiKeyList::new);
    }

    @Post(value = "/api-keys/verify", consumes = MediaType.APPLICATION_JSON)
    @Status(HttpStatus.OK)
    @Operation(summary = "Verify a presented API key (api-keys:verify where it is bound: its environment or organization): always 200 with valid and a code "
            + "VALID, NOT_FOUND, EXPIRED, REVOKED, INSUFFICIENT_SCOPES or DISABLED", operationId = "verifyApiKey")
    ApiKeyDtos.VerificationData verify(HttpRequest<?> request, @Body ApiKeyDtos.VerifyApiKeyRequest body) {
        return new ApiKeyDtos.VerificationData(ApiKeyDtos.VerificationView.of(FailureException.value(
                keys.verifyApiKey().handle(new VerifyApiKey.Command(callers.caller(request), body.key(), body.scopes())))));
    }

    @Post(value = "/api-keys/{id}/rotate", consumes = MediaType.APPLICATION_JSON)
    @Status(HttpStatus.OK)
    @Operation(summary = "Rotate an API key (api-keys:write): a new key with the same owner, scopes, tier and expiry, returned "
            + "once at data.key; the old key (data.previous) keeps working for grace_period_hours (default 24, 0 = at once) until "
            + "data.grace_period_ends_at, never past its own expiry",
            operationId = "rotateApiKey")
    HttpResponse<ApiKeyDtos.RotatedData> rotate(HttpRequest<?> request, @PathVariable String id,
                                                @Nullable @Body ApiKeyDtos.RotateApiKeyRequest body) {
        ApiKeyId key = keyId(id);
        var rotated = FailureException.value(keys.rotateApiKey().handle(new RotateApiKey.Command(callers.caller(request), key,
                body == null ? null : body.gracePeriodHours(), body == null ? null : expiresAt(body.expiresAt()))));
        Instant now = now();
        return HttpResponse.ok(new ApiKeyDtos.RotatedData("API key rotated successfully.", new ApiKeyDtos.RotatedView(
                        ApiKeyDtos.ApiKeyView.of(rotated.key(), now, rotated.secret().reveal()),
                        Dtos.time(rotated.previous().rotationEndsAt()), ApiKeyDtos.ApiKeyView.of(rotated.previous(), now))))
                .header("Location", "/api/v1/api-keys/" + rotated.key().id().text());
    }

    @Get("/api-keys/{id}")
    @Operation(summary = "Get an API key, never its secret (api-keys:read)", operationId = "getApiKey")
    ApiKeyDtos.ApiKeyData get(HttpRequest<?> request, @PathVariable String id) {
        return new ApiKeyDtos.ApiKeyData(ApiKeyDtos.ApiKeyView.of(FailureException.value(
                keys.getApiKey().handle(callers.caller(request), keyId(id))), now()));
    }

    @Delete("/api-keys/{id}")
    @Operation(summary = "Revoke an API key (api-keys:write); it stops working at once", operationId = "revokeApiKey")
    HttpResponse<Void> revoke(HttpRequest<?> request, @PathVariable String id) {
        FailureException.value(keys.revokeApiKey().handle(callers.caller(request), keyId(id)));
        return HttpResponse.noContent();
    }
}
