package dev.gatehouse.http;

import dev.gatehouse.core.sessions.Session;
import dev.gatehouse.core.sessions.UserSessions;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** Wire records of users' sessions and the user overview ({@code GET /api/v1/users/{id}}). */
final class SessionDtos {
    private SessionDtos() {
    }

    @Dto
    @Schema(name = "SessionInfo", description = "A stored session; never its token")
    record SessionView(String id, @Schema(format = "date-time") String createdAt, @Schema(format = "date-time") String lastSeenAt,
                       String ip, String userAgent, @Schema(format = "date-time") String expiresAt,
                       @Schema(implementation = WireEnums.SessionStatus.class) String status,
                       @Schema(format = "date-time") String revokedAt,
                       @Schema(implementation = WireEnums.SessionRevokedReason.class) String revokedReason) {
        static SessionView of(Session s, Instant now) {
            return new SessionView(s.id().text(), Dtos.time(s.createdAt()), Dtos.time(s.lastSeenAt()), s.ip(), s.userAgent(),
                    Dtos.time(s.expiresAt()), s.status(now), s.revokedAt() == null ? null : Dtos.time(s.revokedAt()),
                    s.revokedReason());
        }
    }

    @Dto
    @Schema(name = "SessionList")
    record SessionList(List<SessionView> data) {
    }

    @Dto
    @Schema(name = "SessionInfoResponse")
    record SessionData(SessionView data) {
    }

    @Dto
    @Schema(name = "UserOrganization")
    record UserOrganization(String id, String name, String slug,
                            @Schema(implementation = WireEnums.OrganizationRole.class) String role) {
    }

    @Dto
    @Schema(name = "UserDetail", description = "A user with their sessions (newest first, at most 100) and organizations")
    record UserDetail(String id, String email, String name, boolean platformAdmin,
                      @Schema(implementation = WireEnums.UserStatus.class) String status,
                      @Schema(format = "date-time") String createdAt, @Schema(format = "date-time") String updatedAt,
                      boolean emailVerified, List<SessionView> sessions, List<UserOrganization> organizations) {
        static UserDetail of(UserSessions.Overview o, Instant now) {
            var u = Dtos.UserView.of(o.user());
            return new UserDetail(u.id(), u.email(), u.name(), u.platformAdmin(), u.status(), u.createdAt(), u.updatedAt(),
                    u.emailVerified(),
                    o.sessions().stream().map(s -> SessionView.of(s, now)).toList(),
                    o.organizations().stream().map(r -> new UserOrganization(r.id().text(), r.name(), r.slug(),
                            r.role().name().toLowerCase(Locale.ROOT))).toList());
        }
    }

    @Dto
    @Schema(name = "UserDetailResponse")
    record UserDetailData(UserDetail data) {
    }
}
