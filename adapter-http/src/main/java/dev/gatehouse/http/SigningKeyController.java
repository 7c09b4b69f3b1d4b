package dev.gatehouse.http;

import dev.gatehouse.core.shared.ProjectId;
import dev.gatehouse.core.tokens.RotateSigningKey;
import dev.gatehouse.core.tokens.TokenUseCases;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
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

import java.time.Instant;

/**
 * A project's signing keys: listed (public parts only), rotated, and published as a JWKS that
 * downstream services fetch without credentials to verify access tokens offline.
 */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Signing keys")
@ApiResponse(responseCode = "4XX", description = ProblemDocument.DESCRIPTION,
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDocument.class)))
final class SigningKeyController {
    /** The JWKS route, open to anyone (the authentication filter lets it through). */
    static final java.util.regex.Pattern JWKS_PATH = java.util.regex.Pattern.compile("/api/v1/projects/[^/]+/jwks\\.json");

    private final TokenUseCases tokens;
    private final java.time.Clock clock;
    private final Callers callers;

    SigningKeyController(TokenUseCases tokens, Callers callers, java.time.Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
        this.callers = callers;
    }

    private Instant now() {
        return clock.instant();
    }

    @Get("/projects/{id}/signing-keys")
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "List a project's signing keys, oldest first: public key (JWK), algorithm, status, retirement "
            + "(signing-keys:read); never private material. The first key is created when the project has none",
            operationId = "listSigningKeys")
    SigningKeyDtos.SigningKeyList list(HttpRequest<?> request, @PathVariable String id) {
        ProjectId project = ProjectController.projectId(id);
        Instant now = now();
        return new SigningKeyDtos.SigningKeyList(FailureException.value(tokens.listSigningKeys().handle(callers.caller(request), project))
                .stream().map(k -> SigningKeyDtos.SigningKeyView.of(k, now)).toList());
    }

    @Post(value = "/projects/{id}/signing-keys/rotate", consumes = MediaType.APPLICATION_JSON)
    @Status(HttpStatus.CREATED)
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Rotate a project's signing key (signing-keys:write): a new active key signs from now on; the "
            + "previous one is retired and keeps verifying for 1 h 5 min", operationId = "rotateSigningKey")
    HttpResponse<SigningKeyDtos.SigningKeyData> rotate(HttpRequest<?> request, @PathVariable String id,
                                                       @Nullable @Body SigningKeyDtos.RotateRequest body) {
        ProjectId project = ProjectController.projectId(id);
        var key = FailureException.value(tokens.rotateSigningKey().handle(new RotateSigningKey.Command(callers.caller(request),
                project, body == null ? null : body.algorithm())));
        return HttpResponse.created(new SigningKeyDtos.SigningKeyData(SigningKeyDtos.SigningKeyView.of(key, now())));
    }

    @Get("/projects/{id}/jwks.json")
    @Operation(summary = "The project's JSON Web Key Set (RFC 7517): the active key and retired keys still verifying. "
            + "Public, no authentication; cacheable for 5 minutes", operationId = "projectJwks")
    HttpResponse<SigningKeyDtos.JwkSet> jwks(HttpRequest<?> request, @PathVariable String id) {
        ProjectId project = ProjectController.projectId(id);
        var keys = FailureException.value(tokens.getProjectJwks().handle(callers.anonymous(request), project));
        return HttpResponse.ok(new SigningKeyDtos.JwkSet(keys.stream().map(SigningKeyDtos.JwkView::of).toList()))
                .header("Cache-Control", "public, max-age=300");
    }
}
