package dev.gatehouse.http;

import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/** The wire records only the seed compatibility profile needs (ADR 32). */
final class SeedDtos {
    /** The OpenAPI tag of every seed alias, so the document lists them apart from the canonical routes. */
    static final String TAG = "Seed profile";

    private SeedDtos() {
    }

    @Dto
    @Schema(name = "SeedCreateWorkspaceRequest")
    record CreateWorkspaceRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 200) String name,
                                  @Schema(maxLength = 63) String slug,
                                  @Schema(implementation = WireEnums.Tier.class,
                                          description = "Default free; another tier is a plan change (platform admins)") String tier,
                                  TenancyDtos.SettingsView settings) {
    }

    @Dto
    @Schema(name = "SeedWorkspaceCreated")
    record WorkspaceCreated(String message, TenancyDtos.OrganizationView data) {
    }

    @Dto
    @Schema(name = "SeedCreateProjectRequest", description = "Seeds 000 and 004: a project; 004 also names the environment its "
            + "first API key is issued for")
    record CreateProjectRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 100) String name,
                                @Schema(description = "Implied by X-Workspace-ID or an API key caller") String organizationId,
                                @Schema(maxLength = 1000) String description,
                                @Schema(implementation = WireEnums.EnvironmentKind.class,
                                        description = "The environment of the key created with the project (004); default production")
                                String environment) {
    }

    @Dto
    @Schema(name = "SeedUpdateProjectRequest")
    record UpdateProjectRequest(@Schema(maxLength = 100) String name, @Schema(maxLength = 1000) String description,
                                @Schema(implementation = WireEnums.EnvironmentKind.class,
                                        description = "Every project has all three environments: only a value it has is accepted, "
                                                + "and it changes nothing (422 otherwise)") String environment) {
    }

    /** Seed 004's create answer: the project, the environment and the key issued with it ({@code apiKey}, once). */
    // not @Dto: its names are one word each, but `apiKey` keeps seed 004's camelCase on the wire
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.ALWAYS)
    @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
    @Schema(name = "SeedProjectCreated", description = "Also carries `apiKey` (camelCase, as seed 004 names it): the raw key, in "
            + "this answer only. It is left out of this schema because the document's snake_case naming cannot spell it")
    record ProjectCreated(Dtos.ProjectView data, @Schema(description = "The same as data") Dtos.ProjectView project, String environment,
                          @ShownOnce
                          @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                          @Schema(hidden = true) String apiKey,
                          ApiKeyDtos.ApiKeyView key) {
    }

    @Dto
    @Schema(name = "SeedCreateProjectKeyRequest")
    record CreateProjectKeyRequest(@Schema(maxLength = 100, description = "Default: API key") String name,
                                   @Schema(description = "The environment's id or name; default production") String environment,
                                   List<String> scopes, @Schema(format = "date-time") String expiresAt,
                                   @Schema(implementation = WireEnums.Tier.class) String rateLimitTier) {
    }

    @Dto
    @Schema(name = "SeedProjectStatusRequest")
    record ProjectStatusRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, implementation = WireEnums.ProjectStatus.class)
                                String status) {
    }

    @Dto
    @Schema(name = "SeedProjectStatus")
    record ProjectStatusView(String id, @Schema(implementation = WireEnums.ProjectStatus.class) String status) {
    }

    @Dto
    @Schema(name = "SeedProjectStatusResponse")
    record ProjectStatusData(ProjectStatusView data) {
    }

    @Dto
    @Schema(name = "SeedAdminUpdateProjectRequest")
    record AdminUpdateProjectRequest(@Schema(maxLength = 100) String name, @Schema(maxLength = 1000) String description,
                                     @Schema(description = "Not a project attribute here: 422") Object settings,
                                     @Schema(description = "Not a project attribute here: 422") Object origins,
                                     @Schema(description = "Not a project attribute here: 422") Object redirects) {
    }

    @Dto
    @Schema(name = "SeedAdminAuditEvent")
    record AdminAuditEvent(String id, String actorType, @Schema(types = {"string", "null"}) String actorId, String action,
                           @Schema(types = {"string", "null"}) String resourceType, @Schema(types = {"string", "null"}) String resourceId,
                           @Schema(types = {"string", "null"}) String ipAddress, @Schema(format = "date-time") String createdAt) {
        static AdminAuditEvent of(Dtos.AuditEventView e) {
            return new AdminAuditEvent(e.id(), e.actor() == null ? null : e.actor().type(), e.actor() == null ? null : e.actor().id(),
                    e.action(), e.resource() == null ? null : e.resource().type(), e.resource() == null ? null : e.resource().id(),
                    e.ip(), e.occurredAt());
        }
    }

    @Dto
    @Schema(name = "SeedAdminPagination")
    record AdminPagination(int page, int limit, long total) {
    }

    @Dto
    @Schema(name = "SeedAdminAuditPage")
    record AdminAuditPage(List<AdminAuditEvent> events, AdminPagination pagination) {
    }
}
