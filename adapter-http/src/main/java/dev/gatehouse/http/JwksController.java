package dev.gatehouse.http;

import dev.gatehouse.core.tokens.Jwk;
import dev.gatehouse.core.tokens.TokenUseCases;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The public keys that verify session tokens (the instance's signing keys), as OKP/Ed25519 JWKs
 * (RFC 8037) — the same model and code as a project's JWKS ({@code /api/v1/projects/{id}/jwks.json}).
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Authentication")
@ApiResponse(responseCode = "4XX", description = ProblemDocument.DESCRIPTION,
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDocument.class)))
final class JwksController {
    private final TokenUseCases tokens;

    JwksController(TokenUseCases tokens) {
        this.tokens = tokens;
    }

    @Get("/.well-known/jwks.json")
    @Operation(summary = "JSON Web Key Set of the session-token signing keys", operationId = "jwks")
    HttpResponse<Dtos.JwkSet> jwks() {
        var keys = tokens.getInstanceJwks().handle().stream().map(JwksController::jwk).toList();
        return HttpResponse.ok(new Dtos.JwkSet(keys)).header("Cache-Control", "public, max-age=300");
    }

    static Dtos.Jwk jwk(Jwk j) {
        return new Dtos.Jwk(j.kty(), j.crv(), j.x(), j.kid(), j.alg(), j.use());
    }
}
