package dev.gatehouse.http;

import dev.gatehouse.core.audit.AuditEvent;
import dev.gatehouse.core.identity.User;
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

    /** A page's figures and links, for a list envelope. */
    record PageOf<T>(List<T> data, ListMeta meta, ListLinks links) {
    }

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
        static UserList of(PageOf<UserView> page) {
            return new UserList(page.data(), page.meta(), page.links());
        }
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
                    @Schema(type = "string", allowableValues = {"active", "deactivated"}) String status,
                    @Schema(format = "date-time") String createdAt,
                    @Schema(format = "date-time") String updatedAt) {
        static UserView of(User u) {
            return new UserView(u.id().text(), u.email().value(), u.name(), u.platformAdmin(),
                    u.status().name().toLowerCase(Locale.ROOT), time(u.createdAt()), time(u.updatedAt()));
        }
    }

    @Dto
    @Schema(name = "CreateUserRequest")
    record CreateUserRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String email,
                             @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minLength = 10, maxLength = 256) String password,
                             String name, Boolean platformAdmin) {
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
    record Session(String token, @Schema(type = "string", allowableValues = "Bearer") String tokenType,
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
    record Status(@Schema(type = "string", allowableValues = {"ok", "unavailable"}) String status) {
    }

    @Dto
    @Schema(name = "Readiness")
    record Readiness(@Schema(type = "string", allowableValues = {"ok", "unavailable"}) String status, Map<String, Check> checks) {
    }

    @Dto
    @Schema(name = "Check")
    record Check(@Schema(type = "string", allowableValues = {"up", "down"}) String status, String detail) {
    }

    @Dto
    @Schema(name = "JwkSet")
    record JwkSet(List<Jwk> keys) {
    }

    @Dto
    @Schema(name = "Jwk")
    record Jwk(String kty, String crv, String x, String kid, String alg, String use) {
    }
}
