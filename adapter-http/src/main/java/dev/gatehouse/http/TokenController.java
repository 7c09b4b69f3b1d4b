package dev.gatehouse.http;

import dev.gatehouse.core.authorization.ObjectRef;
import dev.gatehouse.core.authorization.Permissionship;
import dev.gatehouse.core.authorization.SubjectRef;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.tokens.IntrospectAccessToken;
import dev.gatehouse.core.tokens.IssueAccessToken;
import dev.gatehouse.core.tokens.TokenUseCases;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

/** API key → short-lived JWT exchange; the response is never cached. */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Authentication")
@ApiResponse(responseCode = "4XX", description = ProblemDocument.DESCRIPTION,
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDocument.class)))
final class TokenController {
    private final TokenUseCases tokens;
    private final Callers callers;

    private final IntrospectAccessToken introspect;

    TokenController(TokenUseCases tokens, Callers callers) {
        this.tokens = tokens;
        this.callers = callers;
        this.introspect = tokens.introspectAccessToken();
    }

    @Post(value = "/auth/introspect", consumes = MediaType.APPLICATION_JSON)
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Token introspection (RFC 7662, JSON body): whether an access token from /auth/token is still good now — "
            + "signature and expiry, and its API key, environment, project and organization still live (a revocation or deletion "
            + "makes it inactive at once). 200 {\"active\": false} for anything else, including tokens the caller may not see. "
            + "Needs api-keys:verify", operationId = "introspectAccessToken")
    HttpResponse<java.util.Map<String, Object>> introspect(HttpRequest<?> request, @Body SigningKeyDtos.IntrospectionRequest body) {
        if (body.token() == null || body.token().isBlank()) {
            throw new FailureException(Failure.invalid("token", "is required"));
        }
        var answer = introspect.handle(callers.caller(request), body.token());
        java.util.Map<String, Object> out = answer.active() ? answer.claims() : java.util.Map.of("active", false);
        return HttpResponse.ok(out).header("Cache-Control", "no-store").header("Pragma", "no-cache");
    }

    @Post(value = "/auth/token", consumes = MediaType.APPLICATION_JSON)
    @NotIdempotent
    @Status(HttpStatus.CREATED)
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Exchange the project API key sent as Bearer for an access token (JWT, EdDSA or ES256) signed with the "
            + "project's active key: 201. expires_in 60–3600 s (default 900). An organization-wide key gets 422, a user "
            + "session 403", operationId = "issueAccessToken")
    HttpResponse<SigningKeyDtos.TokenData> token(HttpRequest<?> request, @Nullable @Body SigningKeyDtos.TokenRequest body) {
        var issued = FailureException.value(tokens.issueAccessToken().handle(new IssueAccessToken.Command(callers.caller(request),
                body == null ? null : body.expiresIn())));
        return HttpResponse.<SigningKeyDtos.TokenData>status(HttpStatus.CREATED)
                .body(new SigningKeyDtos.TokenData(SigningKeyDtos.TokenView.of(issued)))
                .header("Cache-Control", "no-store")
                .header("Pragma", "no-cache");
    }
}
