package dev.gatehouse.http;

import dev.gatehouse.core.identity.IdentityUseCases;
import dev.gatehouse.core.identity.AuthenticateUser;
import dev.gatehouse.core.identity.User;
import dev.gatehouse.core.sessions.Session;
import dev.gatehouse.core.sessions.UserSessions;
import dev.gatehouse.core.shared.Failure;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import dev.gatehouse.core.shared.Principal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Email/password login for session tokens (each a stored session), logout, and the caller's own profile. */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Authentication")
@ApiResponse(responseCode = "4XX", description = ProblemDocument.DESCRIPTION,
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDocument.class)))
final class AuthController {
    private final IdentityUseCases identity;
    private final SessionTokens tokens;
    private final Callers callers;
    private final UserSessions sessions;
    private final HttpSettings settings;

    AuthController(IdentityUseCases identity, SessionTokens tokens, Callers callers, UserSessions sessions, HttpSettings settings) {
        this.identity = identity;
        this.tokens = tokens;
        this.callers = callers;
        this.sessions = sessions;
        this.settings = settings;
    }

    /**
     * Unknown email, wrong password and deactivated user all answer the same 401; repeated failures
     * are throttled (429 with Retry-After).
     */
    @Post(value = "/auth/login", consumes = MediaType.APPLICATION_JSON)
    @Operation(summary = "Log in with email and password for a session token", operationId = "login")
    Dtos.SessionData login(HttpRequest<?> request, @Body Dtos.LoginRequest body) {
        User user = FailureException.value(identity.authenticateUser()
                .handle(new AuthenticateUser.Command(callers.anonymous(request), body.email(), body.password())));
        Session session = sessions.start(user, callers.anonymous(request), settings.sessionTtl());
        return tokens.answer(user, session);
    }

    /** Ends the calling session: its token answers 401 from the next request here, on other instances once they hear of it (ADR 0042). */
    @Post("/auth/logout")
    @Operation(summary = "Log out: end the calling session (a user session; API keys are revoked instead)", operationId = "logout")
    @ApiResponse(responseCode = "204", description = "The session ended")
    @SecurityRequirement(name = "bearer")
    HttpResponse<Void> logout(HttpRequest<?> request) {
        String header = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        String token = header == null || header.length() < 7 ? "" : header.substring(7).strip();
        var verified = tokens.verify(token).orElseThrow(() -> new FailureException(
                Failure.forbidden("Only a user session can log out; API keys are revoked instead.")));
        FailureException.value(sessions.end(callers.caller(request), verified.session()));
        return HttpResponse.noContent();
    }

    @Get("/me")
    @Operation(summary = "The authenticated caller: a user's profile, or for an API key what it is (kind, id, organization, "
            + "project, environment, scopes) and what it reaches", operationId = "me")
    @ApiResponse(responseCode = "200", description = "The user, or the API key",
            content = @Content(mediaType = "application/json", schema = @Schema(oneOf = {Dtos.UserData.class, ApiKeyDtos.KeySelfData.class})))
    @SecurityRequirement(name = "bearer")
    Object me(HttpRequest<?> request) {
        var caller = callers.caller(request);
        if (caller.principal() instanceof Principal.ApiKey key) {
            return new ApiKeyDtos.KeySelfData(ApiKeyDtos.KeySelfView.of(key));
        }
        if (!(caller.principal() instanceof Principal.User u)) {
            throw FailureException.notFound("User");
        }
        return new Dtos.UserData(Dtos.UserView.of(FailureException.value(identity.getUser().handle(caller, u.userId()))));
    }
}
