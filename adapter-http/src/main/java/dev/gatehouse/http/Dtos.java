package dev.gatehouse.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.gatehouse.core.audit.AuditEvent;
import dev.gatehouse.core.authorization.PermissionCatalog;
import dev.gatehouse.core.identity.User;
import dev.gatehouse.core.tenancy.projects.Environment;
import dev.gatehouse.core.tenancy.projects.Project;
import io.micronaut.core.bind.annotation.Bindable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The records on the wire. Domain objects are converted here and never serialized themselves. */
final class Dtos {
    private Dtos() {
    }

    /** ISO-8601 UTC with {@code Z}, at the stored precision (so a value sent back as an exclusive bound excludes its own item). */
    static String time(Instant instant) {
        return instant == null ? null : DateTimeFormatter.ISO_INSTANT.format(instant);
    }

    /*
     * Envelopes are concrete records per resource (not Single<T>): micronaut-openapi leaves a generic
     * record component untyped, and the document must describe every field.
     */

    @Dto
    @Schema(name = "ListMeta")
    record ListMeta(int currentPage, Long from, int lastPage, int perPage, Long to, long total) {
    }

    @Dto
    @Schema(name = "ListLinks")
    record ListLinks(String first, String last, String prev, String next) {
    }

    /** A slice of the audit trail, continued with {@code cursor}. */
    @Dto
    @Schema(name = "AuditEventList")
    record AuditEventList(List<AuditEventView> data, CursorMeta meta, CursorLinks links) {
    }

    @Dto
    @Schema(name = "UserResponse")
    record UserData(UserView data) {
    }

    @Dto
    @Schema(name = "UserList")
    record UserList(List<UserView> data, ListMeta meta, ListLinks links) {
    }

    @Dto
    @Schema(name = "SessionResponse")
    record SessionData(Session data) {
    }

    @Dto
    @Schema(name = "CursorMeta")
    record CursorMeta(String nextCursor, int limit) {
    }

    @Dto
    @Schema(name = "CursorLinks")
    record CursorLinks(String next) {
    }

    @Dto
    @Schema(name = "User")
    record UserView(String id, String email, String name, boolean platformAdmin,
                    @Schema(implementation = WireEnums.UserStatus.class) String status,
                    @Schema(format = "date-time") String createdAt,
                    @Schema(format = "date-time") String updatedAt,
                    @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
                            description = "False for an account from open sign-up whose address is not verified yet (it cannot sign in)")
                    boolean emailVerified) {
        static UserView of(User u) {
            return new UserView(u.id().text(), u.email().value(), u.name(), u.platformAdmin(),
                    u.status().name().toLowerCase(Locale.ROOT), time(u.createdAt()), time(u.updatedAt()), u.emailVerified());
        }
    }

    @Dto
    @Schema(name = "CreateUserRequest")
    record CreateUserRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String email,
                             @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minLength = 10, maxLength = 256) String password,
                             String name, @Schema(description = "Default false") Boolean platformAdmin) {
        @Override
        public String toString() {
            return "CreateUserRequest[" + email + "]"; // never the password
        }
    }

    @Dto
    @Schema(name = "LoginRequest")
    record LoginRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String email,
                        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String password) {
        @Override
        public String toString() {
            return "LoginRequest[" + email + "]";
        }
    }

    @Dto
    @Schema(name = "Session")
    record Session(@ShownOnce String token, @Schema(implementation = WireEnums.TokenType.class) String tokenType,
                   @Schema(format = "date-time") String expiresAt, UserView user) {
        @Override
        public String toString() {
            return "Session[" + user.id() + ", " + expiresAt + "]";
        }
    }

    @Dto
    @Schema(name = "Actor")
    record Actor(String type, String id) {
    }

    @Dto
    @Schema(name = "ResourceRef")
    record ResourceRef(String type, String id) {
    }

    @Dto
    @Schema(name = "AuditEvent")
    record AuditEventView(String id, @Schema(format = "date-time") String occurredAt, Actor actor, String action,
                          ResourceRef resource, String organizationId, String ip, String userAgent, String requestId,
                          String correlationId, String idempotencyKey, Map<String, Object> changes) {
        static AuditEventView of(AuditEvent e) {
            return new AuditEventView(e.id().text(), time(e.occurredAt()), new Actor(e.actorType(), e.actorId()), e.action(),
                    new ResourceRef(e.resourceType(), e.resourceId()),
                    e.organizationId() == null ? null : e.organizationId().text(), e.ip(), e.userAgent(), e.requestId(),
                    e.correlationId(), e.idempotencyKey(), e.changes());
        }
    }

    @Dto
    @Schema(name = "Status")
    record Status(@Schema(implementation = WireEnums.HealthStatus.class) String status) {
    }

    @Dto
    @Schema(name = "Readiness")
    record Readiness(@Schema(implementation = WireEnums.HealthStatus.class) String status, Map<String, Check> checks) {
    }

    @Dto
    @Schema(name = "Check")
    record Check(@Schema(implementation = WireEnums.CheckStatus.class) String status, String detail) {
    }

    @Dto
    @Schema(name = "JwkSet")
    record JwkSet(List<Jwk> keys) {
    }

    @Dto
    @Schema(name = "Jwk")
    record Jwk(String kty, String crv, String x, String kid, String alg, String use) {
    }

    // ---- authorization -------------------------------------------------------------------------

    @Dto
    @Schema(name = "Permission")
    record PermissionView(@Schema(examples = {"projects:read"}) String scope,
                          @Schema(examples = {"projects_read"}) String permission,
                          @Schema(implementation = WireEnums.OrganizationRole.class) String leastRole,
                          String description) {
        static PermissionView of(PermissionCatalog.Entry e) {
            return new PermissionView(e.scope(), e.permission(), e.leastRole().name().toLowerCase(Locale.ROOT), e.description());
        }
    }

    @Dto
    @Schema(name = "PermissionList")
    record PermissionList(List<PermissionView> data) {
    }

    @Dto
    @Schema(name = "AuthzObject", description = "An object of the permission system, type:id")
    record AuthzObject(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, examples = {"project"}) String type,
                       @Schema(requiredMode = Schema.RequiredMode.REQUIRED, examples = {"prj_123"}) String id) {
    }

    @Dto
    @Schema(name = "AuthzSubject", description = "A subject: an object, or a subject set when relation is given")
    record AuthzSubject(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, examples = {"user"}) String type,
                        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, examples = {"usr_123"}) String id,
                        @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(types = {"string", "null"}) String relation) {
    }

    @Dto
    @Schema(name = "Consistency")
    record Consistency(@Schema(description = "A consistency_token from a write: answer from data at least that fresh")
                       String atLeastAsFresh) {
    }

    @Dto
    @Schema(name = "CheckPermissionRequest")
    record CheckRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) AuthzObject resource,
                        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, examples = {"projects_read"}) String permission,
                        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) AuthzSubject subject,
                        @Schema(description = "Optional: answer from data at least as fresh as a write's consistency_token")
                        Consistency consistency,
                        @Schema(types = {"object", "null"}, description = "Caveat context: values for the parameters of the schema's "
                                + "caveats, by name (a relationship's own context wins)")
                        Map<String, Object> context) {
    }

    @Dto
    @Schema(name = "PermissionCheck")
    record CheckView(@Schema(implementation = WireEnums.Permissionship.class) String permissionship,
                     boolean allowed,
                     @Schema(format = "date-time") String checkedAt,
                     @JsonInclude(JsonInclude.Include.NON_NULL)
                     @Schema(types = {"string", "null"}, description = "The token the answer is at least as fresh as, when one was given")
                     String consistencyToken,
                     @JsonInclude(JsonInclude.Include.NON_EMPTY)
                     @Schema(types = {"array", "null"}, description = "With conditional_permission: the caveat parameters the answer "
                             + "depends on that the context did not give")
                     List<String> missingContext) {
    }

    @Dto
    @Schema(name = "PermissionCheckResponse")
    record CheckData(CheckView data) {
    }

    @Dto
    @Schema(name = "LookupResourcesRequest")
    record LookupResourcesRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, examples = {"project"}) String resourceType,
                                  @Schema(requiredMode = Schema.RequiredMode.REQUIRED, examples = {"projects_read"}) String permission,
                                  @Schema(requiredMode = Schema.RequiredMode.REQUIRED) AuthzSubject subject,
                                  @Schema(description = "meta.next_cursor of the previous slice") String cursor,
                                  @Schema(minimum = "1", maximum = "1000") @Bindable(defaultValue = "100") Integer limit,
                                  @Schema(types = {"object", "null"}, description = "Caveat context: values for the parameters of the "
                                          + "schema's caveats, by name (a relationship's own context wins)")
                                  Map<String, Object> context) {
    }

    @Dto
    @Schema(name = "FoundResource", description = "A resource found by lookup-resources")
    record FoundObject(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, examples = {"project"}) String type,
                       @Schema(requiredMode = Schema.RequiredMode.REQUIRED, examples = {"prj_123"}) String id,
                       @Schema(implementation = WireEnums.FoundPermissionship.class) String permissionship,
                       @JsonInclude(JsonInclude.Include.NON_EMPTY)
                       @Schema(types = {"array", "null"}, description = "With conditional_permission: the caveat parameters the answer "
                               + "depends on that the context did not give")
                       List<String> missingContext) {
    }

    @Dto
    @Schema(name = "LookupResourcesResponse")
    record LookupResourcesList(List<FoundObject> data, CursorMeta meta) {
    }

    @Dto
    @Schema(name = "LookupSubjectsRequest")
    record LookupSubjectsRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) AuthzObject resource,
                                 @Schema(requiredMode = Schema.RequiredMode.REQUIRED, examples = {"projects_read"}) String permission,
                                 @Schema(requiredMode = Schema.RequiredMode.REQUIRED, examples = {"user"}) String subjectType,
                                 @Schema(description = "Subjects of this relation (team#member); plain objects when absent")
                                 String subjectRelation,
                                 @Schema(types = {"object", "null"}, description = "Caveat context: values for the parameters of the "
                                         + "schema's caveats, by name (a relationship's own context wins)")
                                 Map<String, Object> context) {
    }

    @Dto
    @Schema(name = "FoundSubject", description = "A subject found by lookup-subjects")
    record FoundSubject(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, examples = {"user"}) String type,
                        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, examples = {"usr_123"}) String id,
                        @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(types = {"string", "null"}) String relation,
                        @Schema(implementation = WireEnums.FoundPermissionship.class) String permissionship,
                        @JsonInclude(JsonInclude.Include.NON_EMPTY)
                        @Schema(types = {"array", "null"}, description = "With conditional_permission: the caveat parameters the answer "
                                + "depends on that the context did not give")
                        List<String> missingContext) {
    }

    @Dto
    @Schema(name = "LookupSubjectsMeta")
    record LookupSubjectsMeta(@Schema(description = "Every subject of the type has the permission (subject_type:*), except excluded_from_wildcard")
                              boolean wildcard,
                              List<String> excludedFromWildcard,
                              @JsonInclude(JsonInclude.Include.NON_EMPTY)
                              @Schema(types = {"array", "null"}, description = "When the wildcard holds only conditionally: the caveat "
                                      + "parameters it depends on that the context did not give")
                              List<String> wildcardMissingContext) {
    }

    @Dto
    @Schema(name = "LookupSubjectsResponse")
    record LookupSubjectsList(List<FoundSubject> data, LookupSubjectsMeta meta) {
    }

    // ---- users ---------------------------------------------------------------------------------

    @Dto
    @Schema(name = "UpdateUserRequest", description = "Only name can change; other fields are ignored")
    record UpdateUserRequest(@Schema(maxLength = 200) String name) {
    }

    // ---- projects and environments -------------------------------------------------------------

    @Dto
    @Schema(name = "Project")
    record ProjectView(String id, String organizationId, String name, @Schema(types = {"string", "null"}) String description,
                       @Schema(format = "date-time") String createdAt,
                       @Schema(format = "date-time") String updatedAt,
                       @Schema(types = {"string", "null"}, format = "date-time") String deletedAt,
                       @Schema(types = {"string", "null"}, format = "date-time", description = "Until when a deleted project can be restored; null while active")
                       String restorableUntil,
                       @JsonInclude(JsonInclude.Include.NON_NULL)
                       @Schema(description = "The environments created with the project (in the create response only)")
                       List<EnvironmentView> environments) {
        static ProjectView of(Project p) {
            return of(p, null);
        }

        static ProjectView of(Project p, List<Environment> environments) {
            return new ProjectView(p.id().text(), p.organizationId().text(), p.name(), p.description(), time(p.createdAt()),
                    time(p.updatedAt()), time(p.deletedAt()), p.restorableUntil().map(Dtos::time).orElse(null),
                    environments == null ? null : environments.stream().map(EnvironmentView::of).toList());
        }
    }

    @Dto
    @Schema(name = "ProjectResponse")
    record ProjectData(ProjectView data) {
    }

    @Dto
    @Schema(name = "ProjectList")
    record ProjectList(List<ProjectView> data, ListMeta meta, ListLinks links) {
    }

    @Dto
    @Schema(name = "EnvironmentSpec")
    record EnvironmentSpec(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 64) String name,
                           @Schema(requiredMode = Schema.RequiredMode.REQUIRED, implementation = WireEnums.EnvironmentKind.class) String kind) {
    }

    @Dto
    @Schema(name = "CreateProjectRequest")
    record CreateProjectRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, examples = {"org_01h455vb4pex5vsknk084sn02q"})
                                String organizationId,
                                @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 100) String name,
                                @Schema(maxLength = 1000) String description,
                                @Schema(description = "Default: production, staging and development; must include a production one")
                                List<EnvironmentSpec> environments) {
    }

    @Dto
    @Schema(name = "UpdateProjectRequest", description = "Absent fields stay; an empty description clears it; other fields are ignored")
    record UpdateProjectRequest(@Schema(maxLength = 100) String name, @Schema(maxLength = 1000) String description) {
    }

    @Dto
    @Schema(name = "Environment")
    record EnvironmentView(String id, String projectId, String organizationId, String name,
                           @Schema(implementation = WireEnums.EnvironmentKind.class) String kind,
                           @Schema(format = "date-time") String createdAt) {
        static EnvironmentView of(Environment e) {
            return new EnvironmentView(e.id().text(), e.projectId().text(), e.organizationId().text(), e.name(),
                    e.kind().wire(), time(e.createdAt()));
        }
    }

    @Dto
    @Schema(name = "EnvironmentResponse")
    record EnvironmentData(EnvironmentView data) {
    }

    @Dto
    @Schema(name = "EnvironmentList")
    record EnvironmentList(List<EnvironmentView> data, ListMeta meta, ListLinks links) {
    }

    @Dto
    @Schema(name = "CreateEnvironmentRequest")
    record CreateEnvironmentRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String projectId,
                                    @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 64) String name,
                                    @Schema(requiredMode = Schema.RequiredMode.REQUIRED, implementation = WireEnums.EnvironmentKind.class) String kind) {
    }
}
