package dev.gatehouse.http;

import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.keys.SigningKey;
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

import java.util.Arrays;
import java.util.Base64;

/**
 * The public keys that verify session tokens, as OKP/Ed25519 JWKs (RFC 8037). Retired keys stay
 * published until the tokens they signed have expired.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Authentication")
@ApiResponse(responseCode = "4XX", description = ProblemDocument.DESCRIPTION,
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDocument.class)))
final class JwksController {
    /** An Ed25519 SubjectPublicKeyInfo is a fixed 12-byte prefix followed by the 32-byte key. */
    private static final int ED25519_KEY_BYTES = 32;

    private final Gatehouse gatehouse;

    JwksController(Gatehouse gatehouse) {
        this.gatehouse = gatehouse;
    }

    @Get("/.well-known/jwks.json")
    @Operation(summary = "JSON Web Key Set of the session-token signing keys", operationId = "jwks")
    HttpResponse<Dtos.JwkSet> jwks() {
        gatehouse.ensureSigningKey().handle();
        var keys = gatehouse.ensureSigningKey().published().stream()
                .filter(k -> "EdDSA".equals(k.algorithm()))
                .map(JwksController::jwk)
                .toList();
        return HttpResponse.ok(new Dtos.JwkSet(keys)).header("Cache-Control", "public, max-age=300");
    }

    static Dtos.Jwk jwk(SigningKey key) {
        byte[] x509 = key.publicKey();
        byte[] raw = Arrays.copyOfRange(x509, x509.length - ED25519_KEY_BYTES, x509.length);
        return new Dtos.Jwk("OKP", "Ed25519", Base64.getUrlEncoder().withoutPadding().encodeToString(raw),
                key.id().text(), "EdDSA", "sig");
    }
}
