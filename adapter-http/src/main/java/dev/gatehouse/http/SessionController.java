package dev.gatehouse.http;

import dev.gatehouse.core.sessions.UserSessions;
import dev.gatehouse.core.shared.SessionId;
import dev.gatehouse.core.shared.UserId;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

/** A user's sessions: the user themself or a platform admin lists and revokes them; anyone else gets 404. */
@Controller("/api/v1/users/{id}/sessions")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Users")
@ApiResponse(responseCode = "4XX", description = ProblemDocument.DESCRIPTION,
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDocument.class)))
@SecurityRequirement(name = "bearer")
final class SessionController {
    private final UserSessions sessions;
    private final Callers callers;

    SessionController(UserSessions sessions, Callers callers) {
        this.sessions = sessions;
        this.callers = callers;
    }

    @Get
    @Operation(summary = "List a user's sessions, newest first (at most 100; the user themself or a platform admin)",
            operationId = "listUserSessions")
    SessionDtos.SessionList list(HttpRequest<?> request, @PathVariable String id) {
        UserId user = UserId.parse(id).orElseThrow(() -> FailureException.notFound("User"));
        var found = FailureException.value(sessions.list(callers.caller(request), user));
        var now = sessions.clock().instant();
        return new SessionDtos.SessionList(found.stream().map(s -> SessionDtos.SessionView.of(s, now)).toList());
    }

    @Delete("/{sessionId}")
    @Operation(summary = "Revoke a session (the user themself or a platform admin): its token answers 401 from the next "
            + "request, on every instance", operationId = "revokeUserSession")
    HttpResponse<Void> revoke(HttpRequest<?> request, @PathVariable String id, @PathVariable String sessionId) {
        UserId user = UserId.parse(id).orElseThrow(() -> FailureException.notFound("User"));
        SessionId session = SessionId.parse(sessionId).orElseThrow(() -> FailureException.notFound("Session"));
        FailureException.value(sessions.revoke(callers.caller(request), user, session));
        return HttpResponse.noContent();
    }
}
