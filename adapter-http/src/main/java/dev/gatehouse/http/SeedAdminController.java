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

import java.util.ArrayList;
import java.util.List;

/**
 * Seed 003's admin API ({@code /v1/admin/…}, ADR 32): each route is the canonical {@code /api/v1/…}
 * route of the same name, handed to its controller; the audit query keeps the seed's own shape
 * ({@code start_date}, {@code end_date}, {@code action}, {@code page}, {@code limit} →
 * {@code {events, pagination}}).
 */
@Controller("/v1/admin")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = SeedDtos.TAG)
@ApiResponse(responseCode = "4XX", description = ProblemDocument.DESCRIPTION,
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDocument.class)))
@SecurityRequirement(name = "bearer")
final class SeedAdminController {
    private final ProjectController projects;
    private final SeedProjectController seedProjects;
    private final ApiKeyController keys;
    private final SigningKeyController signingKeys;
    private final UserController users;
    private final OrganizationController organizations;
    private final MemberController members;
    private final InvitationController invitations;
    private final WebhookController webhooks;
    private final AuditEventController audit;

    SeedAdminController(ProjectController projects, SeedProjectController seedProjects, ApiKeyController keys,
                        SigningKeyController signingKeys, UserController users, OrganizationController organizations,
                        MemberController members, InvitationController invitations, WebhookController webhooks,
                        AuditEventController audit) {
        this.projects = projects;
        this.seedProjects = seedProjects;
        this.keys = keys;
        this.signingKeys = signingKeys;
        this.users = users;
        this.organizations = organizations;
        this.members = members;
        this.invitations = invitations;
        this.webhooks = webhooks;
        this.audit = audit;
    }

    // --- projects ---

    @Post(value = "/projects", consumes = MediaType.APPLICATION_JSON)
    @Status(HttpStatus.CREATED)
    @Operation(summary = "Seed 003: create a project = POST /api/v1/projects (organization: body, X-Workspace-ID or the key's)",
            operationId = "seedAdminCreateProject")
    HttpResponse<Dtos.ProjectData> createProject(HttpRequest<?> request, @Body Dtos.CreateProjectRequest body) {
        return seedProjects.createProject(request, body);
    }

    @Get("/projects")
    @Operation(summary = "Seed 003: list projects (paginated) = GET /api/v1/projects", operationId = "seedAdminListProjects")
    Dtos.ProjectList listProjects(HttpRequest<?> request, @RequestBean ListParams params,
                                  @Nullable @QueryValue("organization_id") String organizationId) {
        return seedProjects.listProjects(request, params, organizationId);
    }

    @Get("/projects/{id}")
    @Operation(summary = "Seed 003: get a project = GET /api/v1/projects/{id}", operationId = "seedAdminGetProject")
    Dtos.ProjectData getProject(HttpRequest<?> request, @PathVariable String id) {
        return projects.get(request, id);
    }

    @Patch(value = "/projects/{id}", consumes = MediaType.APPLICATION_JSON)
    @Operation(summary = "Seed 003: update a project = PATCH /api/v1/projects/{id}; name and description (settings, origins "
            + "and redirects are not project attributes here: 422 naming them)", operationId = "seedAdminUpdateProject")
    Dtos.ProjectData updateProject(HttpRequest<?> request, @PathVariable String id, @Body SeedDtos.AdminUpdateProjectRequest body) {
        List<String> unsupported = new ArrayList<>();
        if (body.settings() != null) {
            unsupported.add("settings");
        }
        if (body.origins() != null) {
            unsupported.add("origins");
        }
        if (body.redirects() != null) {
            unsupported.add("redirects");
        }
        if (!unsupported.isEmpty()) {
            var errors = new java.util.LinkedHashMap<String, List<String>>();
            unsupported.forEach(f -> errors.put(f, List.of("not a project attribute in Gatehouse")));
            throw new FailureException(Failure.invalid(errors));
        }
        return projects.update(request, id, new Dtos.UpdateProjectRequest(body.name(), body.description()));
    }

    @Post(value = "/projects/{id}/api-keys", consumes = MediaType.APPLICATION_JSON)
    @Status(HttpStatus.CREATED)
    @Operation(summary = "Seed 003: create an API key (secret shown once) = POST /api/v1/projects/{id}/api-keys",
            operationId = "seedAdminCreateKey")
    HttpResponse<ApiKeyDtos.ApiKeyData> createKey(HttpRequest<?> request, @PathVariable String id,
                                                  @Body ApiKeyDtos.CreateProjectApiKeyRequest body) {
        return keys.createForProject(request, id, body);
    }

    @Get("/projects/{id}/api-keys")
    @Operation(summary = "Seed 003: list API keys = GET /api/v1/projects/{id}/api-keys", operationId = "seedAdminListKeys")
    ApiKeyDtos.ApiKeyList listKeys(HttpRequest<?> request, @PathVariable String id, @RequestBean ListParams params) {
        return keys.listForProject(request, id, params);
    }

    @Delete("/projects/{id}/api-keys/{keyId}")
    @Status(HttpStatus.NO_CONTENT)
    @Operation(summary = "Seed 003: revoke an API key = DELETE /api/v1/api-keys/{key_id}; a key of another project is 404",
            operationId = "seedAdminRevokeKey")
    HttpResponse<Void> revokeKey(HttpRequest<?> request, @PathVariable String id, @PathVariable String keyId) {
        return seedProjects.revokeProjectKey(request, id, keyId);
    }

    @Get("/projects/{id}/signing-keys")
    @Operation(summary = "Seed 003: list signing keys = GET /api/v1/projects/{id}/signing-keys", operationId = "seedAdminListSigningKeys")
    SigningKeyDtos.SigningKeyList listSigningKeys(HttpRequest<?> request, @PathVariable String id) {
        return signingKeys.list(request, id);
    }

    @Post(value = "/projects/{id}/signing-keys/rotate", consumes = MediaType.APPLICATION_JSON)
    @Status(HttpStatus.CREATED)
    @Operation(summary = "Seed 003: rotate the signing key = POST /api/v1/projects/{id}/signing-keys/rotate",
            operationId = "seedAdminRotateSigningKey")
    HttpResponse<SigningKeyDtos.SigningKeyData> rotateSigningKey(HttpRequest<?> request, @PathVariable String id,
                                                                 @Nullable @Body SigningKeyDtos.RotateRequest body) {
        return signingKeys.rotate(request, id, body);
    }

    // --- users ---

    @Get("/users")
    @Operation(summary = "Seed 003: list users (paginated, ?search) = GET /api/v1/users", operationId = "seedAdminListUsers")
    Dtos.UserList listUsers(HttpRequest<?> request, @RequestBean ListParams params) {
        return users.list(request, params);
    }

    @Get("/users/{id}")
    @Operation(summary = "Seed 003: a user with sessions and organizations = GET /api/v1/users/{id}", operationId = "seedAdminGetUser")
    SessionDtos.UserDetailData getUser(HttpRequest<?> request, @PathVariable String id) {
        return users.get(request, id);
    }

    @Patch(value = "/users/{id}", consumes = MediaType.APPLICATION_JSON)
    @Operation(summary = "Seed 003: update a user = PATCH /api/v1/users/{id}", operationId = "seedAdminUpdateUser")
    Dtos.UserData updateUser(HttpRequest<?> request, @PathVariable String id, @Body Dtos.UpdateUserRequest body) {
        return users.update(request, id, body);
    }

    @Delete("/users/{id}")
    @Status(HttpStatus.NO_CONTENT)
    @Operation(summary = "Seed 003: delete (deactivate) a user = DELETE /api/v1/users/{id}", operationId = "seedAdminDeleteUser")
    HttpResponse<Void> deleteUser(HttpRequest<?> request, @PathVariable String id) {
        return users.deactivate(request, id);
    }

    // --- organizations, members, invitations ---

    @Post(value = "/organizations", consumes = MediaType.APPLICATION_JSON)
    @Status(HttpStatus.CREATED)
    @Operation(summary = "Seed 003: create an organization = POST /api/v1/organizations", operationId = "seedAdminCreateOrganization")
    HttpResponse<TenancyDtos.OrganizationData> createOrganization(HttpRequest<?> request,
                                                                  @Body TenancyDtos.CreateOrganizationRequest body) {
        return organizations.create(request, body);
    }

    @Get("/organizations")
    @Operation(summary = "Seed 003: list organizations = GET /api/v1/organizations", operationId = "seedAdminListOrganizations")
    TenancyDtos.OrganizationList listOrganizations(HttpRequest<?> request, @RequestBean ListParams params) {
        return organizations.list(request, params);
    }

    @Get("/organizations/{id}")
    @Operation(summary = "Seed 003: get an organization = GET /api/v1/organizations/{id}", operationId = "seedAdminGetOrganization")
    TenancyDtos.OrganizationData getOrganization(HttpRequest<?> request, @PathVariable String id) {
        return organizations.get(request, id);
    }

    @Patch(value = "/organizations/{id}", consumes = MediaType.APPLICATION_JSON)
    @Operation(summary = "Seed 003: update an organization = PATCH /api/v1/organizations/{id}",
            operationId = "seedAdminUpdateOrganization")
    TenancyDtos.OrganizationData updateOrganization(HttpRequest<?> request, @PathVariable String id,
                                                    @Body TenancyDtos.UpdateOrganizationRequest body) {
        return organizations.update(request, id, body);
    }

    @Delete("/organizations/{id}")
    @Status(HttpStatus.NO_CONTENT)
    @Operation(summary = "Seed 003: delete an organization = DELETE /api/v1/organizations/{id}",
            operationId = "seedAdminDeleteOrganization")
    HttpResponse<Void> deleteOrganization(HttpRequest<?> request, @PathVariable String id) {
        return organizations.delete(request, id);
    }

    @Get("/organizations/{id}/members")
    @Operation(summary = "Seed 003: list members = GET /api/v1/organizations/{id}/members", operationId = "seedAdminListMembers")
    TenancyDtos.MemberList listMembers(HttpRequest<?> request, @PathVariable String id, @RequestBean ListParams params) {
        return members.list(request, id, params);
    }

    @Post(value = "/organizations/{id}/members", consumes = MediaType.APPLICATION_JSON)
    @Status(HttpStatus.CREATED)
    @Operation(summary = "Seed 003: add a member = POST /api/v1/organizations/{id}/members", operationId = "seedAdminAddMember")
    HttpResponse<TenancyDtos.MemberData> addMember(HttpRequest<?> request, @PathVariable String id,
                                                   @Body TenancyDtos.AddMemberRequest body) {
        return members.add(request, id, body);
    }

    @Patch(value = "/organizations/{id}/members/{userId}", consumes = MediaType.APPLICATION_JSON)
    @Operation(summary = "Seed 003: change a member's role = PATCH /api/v1/organizations/{id}/members/{user_id}",
            operationId = "seedAdminChangeMember")
    TenancyDtos.MemberData changeMember(HttpRequest<?> request, @PathVariable String id, @PathVariable String userId,
                                        @Body TenancyDtos.ChangeRoleRequest body) {
        return members.change(request, id, userId, body);
    }

    @Delete("/organizations/{id}/members/{userId}")
    @Status(HttpStatus.NO_CONTENT)
    @Operation(summary = "Seed 003: remove a member = DELETE /api/v1/organizations/{id}/members/{user_id}",
            operationId = "seedAdminRemoveMember")
    HttpResponse<Void> removeMember(HttpRequest<?> request, @PathVariable String id, @PathVariable String userId) {
        return members.remove(request, id, userId);
    }

    @Post(value = "/organizations/{id}/invitations", consumes = MediaType.APPLICATION_JSON)
    @Status(HttpStatus.CREATED)
    @Operation(summary = "Seed 003: invite = POST /api/v1/organizations/{id}/invitations", operationId = "seedAdminCreateInvitation")
    HttpResponse<TenancyDtos.IssuedInvitationData> createInvitation(HttpRequest<?> request, @PathVariable String id,
                                                                    @Body TenancyDtos.CreateInvitationRequest body) {
        return invitations.create(request, id, body);
    }

    @Get("/organizations/{id}/invitations")
    @Operation(summary = "Seed 003: list invitations = GET /api/v1/organizations/{id}/invitations",
            operationId = "seedAdminListInvitations")
    TenancyDtos.InvitationList listInvitations(HttpRequest<?> request, @PathVariable String id, @RequestBean ListParams params) {
        return invitations.list(request, id, params);
    }

    @Delete("/organizations/{id}/invitations/{invitationId}")
    @Status(HttpStatus.NO_CONTENT)
    @Operation(summary = "Seed 003: revoke an invitation = DELETE /api/v1/organizations/{id}/invitations/{inv_id}",
            operationId = "seedAdminRevokeInvitation")
    HttpResponse<Void> revokeInvitation(HttpRequest<?> request, @PathVariable String id, @PathVariable String invitationId) {
        return invitations.revoke(request, id, invitationId);
    }

    // --- webhooks ---

    @Post(value = "/webhooks", consumes = MediaType.APPLICATION_JSON)
    @Status(HttpStatus.CREATED)
    @Operation(summary = "Seed 003: create a webhook (secret shown once) = POST /api/v1/webhooks", operationId = "seedAdminCreateWebhook")
    HttpResponse<WebhookDtos.WebhookData> createWebhook(HttpRequest<?> request, @Body WebhookDtos.CreateWebhookRequest body) {
        return webhooks.create(request, body);
    }

    @Get("/webhooks")
    @Operation(summary = "Seed 003: list webhooks = GET /api/v1/webhooks", operationId = "seedAdminListWebhooks")
    WebhookDtos.WebhookList listWebhooks(HttpRequest<?> request, @RequestBean ListParams params,
                                         @Nullable @QueryValue("organization_id") String organizationId) {
        return webhooks.list(request, params, organizationId);
    }

    @Get("/webhooks/{id}/deliveries")
    @Operation(summary = "Seed 003: list deliveries = GET /api/v1/webhooks/{id}/deliveries", operationId = "seedAdminListDeliveries")
    WebhookDtos.DeliveryList deliveries(HttpRequest<?> request, @PathVariable String id, @RequestBean ListParams params) {
        return webhooks.deliveries(request, id, params);
    }

    @Post("/webhooks/{id}/test")
    @Status(HttpStatus.OK)
    @Operation(summary = "Seed 003: send a test event = POST /api/v1/webhooks/{id}/test", operationId = "seedAdminTestWebhook")
    WebhookDtos.TestData testWebhook(HttpRequest<?> request, @PathVariable String id) {
        return webhooks.test(request, id);
    }

    // --- audit ---

    @Get("/audit")
    @Operation(summary = "Seed 003: the audit trail, ?start_date&end_date&action&page&limit → {events, pagination:{page, limit, "
            + "total}} = GET /api/v1/audit-events (since, until, action; pages walked by cursor, total counted)",
            operationId = "seedAdminAudit")
    SeedDtos.AdminAuditPage audit(HttpRequest<?> request, @Nullable @QueryValue("start_date") String startDate,
                                  @Nullable @QueryValue("end_date") String endDate, @Nullable @QueryValue("action") String action,
                                  @Nullable @QueryValue("page") String page, @Nullable @QueryValue("limit") String limit,
                                  @Nullable @QueryValue("organization_id") String organizationId) {
        var errors = new java.util.LinkedHashMap<String, List<String>>();
        Integer p = Lists.integer("page", page, errors);
        Integer l = Lists.integer("limit", limit, errors);
        if (p != null && p < 1) {
            errors.put("page", List.of("must be at least 1"));
        }
        if (l != null && (l < 1 || l > 100)) {
            errors.put("limit", List.of("must be 1 to 100"));
        }
        if (!errors.isEmpty()) {
            throw new FailureException(Failure.invalid(errors));
        }
        int pageNo = p == null ? 1 : p;
        int size = l == null ? AuditEventController.DEFAULT_LIMIT : l;
        String org = SeedProfile.organization(request, organizationId);
        String since = date(startDate, false);
        String until = date(endDate, true);
        List<SeedDtos.AdminAuditEvent> events = List.of();
        long total = 0;
        String cursor = null;
        int index = 0;
        do {
            var slice = audit.list(request, org, null, action, null, null, since, until, cursor, String.valueOf(size));
            index++;
            if (index == pageNo) {
                events = slice.data().stream().map(SeedDtos.AdminAuditEvent::of).toList();
            }
            total += slice.data().size();
            cursor = slice.meta().nextCursor();
        } while (cursor != null);
        return new SeedDtos.AdminAuditPage(events, new SeedDtos.AdminPagination(pageNo, size, total));
    }

    /** A date (start of that day; {@code end_date}: the day after, so the whole day counts) or an instant, as given. */
    private static String date(String text, boolean end) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.strip();
        if (t.matches("\\d{4}-\\d{2}-\\d{2}")) {
            try {
                var day = java.time.LocalDate.parse(t);
                return (end ? day.plusDays(1) : day).atStartOfDay(java.time.ZoneOffset.UTC).toInstant().toString();
            } catch (java.time.DateTimeException e) {
                throw new FailureException(Failure.invalid(end ? "end_date" : "start_date", "must be a date or an ISO-8601 instant"));
            }
        }
        try {
            return java.time.Instant.parse(t).toString();
        } catch (java.time.DateTimeException e) {
            throw new FailureException(Failure.invalid(end ? "end_date" : "start_date", "must be a date or an ISO-8601 instant"));
        }
    }
}
