package dev.gatehouse.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.gatehouse.core.tokens.IssueAccessToken;
import dev.gatehouse.core.tokens.Jwk;
import dev.gatehouse.core.tokens.SigningKey;
import io.micronaut.core.bind.annotation.Bindable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

import static dev.gatehouse.http.Dtos.time;

/** The wire records of project signing keys, their JWKS and access tokens. Never private material. */
final class SigningKeyDtos {
    private SigningKeyDtos() {
    }

    /** A JWK of a project key: {@code y} only for EC keys. */
    @Schema(name = "ProjectJwk")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record JwkView(@Schema(implementation = WireEnums.JwkKeyType.class) String kty, @Schema(description = "One of: Ed25519, P-256.") String crv,
                   String x, @Schema(types = {"string", "null"}, description = "EC keys only") String y, String kid,
                   @Schema(implementation = WireEnums.SigningAlgorithm.class) String alg, @Schema(implementation = WireEnums.KeyUse.class) String use) {
        static JwkView of(Jwk j) {
            return new JwkView(j.kty(), j.crv(), j.x(), j.y(), j.kid(), j.alg(), j.use());
        }
    }

    @Schema(name = "ProjectJwkSet")
    record JwkSet(List<JwkView> keys) {
    }

    @Dto
    @Schema(name = "SigningKey")
    record SigningKeyView(@Schema(examples = {"sgk_01jq…"}) String id, String kid, String projectId,
                          @Schema(implementation = WireEnums.SigningAlgorithm.class) String algorithm,
                          @Schema(description = "active signs; retired still verifies (in the JWKS) until verifies_until; "
                                          + "expired no longer verifies", implementation = WireEnums.SigningKeyStatus.class) String status,
                          @Schema(description = "The public key as a JWK") JwkView publicJwk,
                          @Schema(format = "date-time") String createdAt,
                          @Schema(types = {"string", "null"}, format = "date-time") String retiredAt,
                          @Schema(types = {"string", "null"}, format = "date-time", description = "retired_at + the longest token lifetime (1 h) + 5 min leeway") String verifiesUntil) {
        static SigningKeyView of(SigningKey k, Instant now) {
            return new SigningKeyView(k.id().text(), k.id().text(), k.owner().projectId().map(p -> p.text()).orElse(null), k.algorithm().jwsName(), k.statusAt(now),
                    JwkView.of(k.jwk()), time(k.createdAt()), time(k.retiredAt()), time(k.verifiesUntil().orElse(null)));
        }
    }

    @Dto
    @Schema(name = "SigningKeyResponse")
    record SigningKeyData(SigningKeyView data) {
    }

    @Dto
    @Schema(name = "SigningKeyList")
    record SigningKeyList(List<SigningKeyView> data) {
    }

    @Dto
    @Schema(name = "RotateSigningKeyRequest")
    record RotateRequest(@Schema(types = {"string", "null"}, description = "Default: the current key's algorithm (EdDSA for a project's first key)" + " One of: EdDSA, ES256.") String algorithm) {
    }

    @Dto
    @Schema(name = "AccessTokenRequest")
    record TokenRequest(@Schema(types = {"integer", "null"}, minimum = "60", maximum = "3600", description = "Lifetime in seconds") @Bindable(defaultValue = "900") Long expiresIn) {
    }

    @Dto
    @Schema(name = "IntrospectionRequest")
    record IntrospectionRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "An access token from POST /auth/token")
                                String token) {
    }

    @Dto
    @Schema(name = "AccessToken")
    record TokenView(@ShownOnce @Schema(description = "The JWT; verify it with the project's JWKS") String accessToken,
                     @Schema(implementation = WireEnums.TokenType.class) String tokenType,
                     @Schema(description = "Seconds") long expiresIn,
                     @Schema(format = "date-time") String expiresAt) {
        static TokenView of(IssueAccessToken.Issued issued) {
            return new TokenView(issued.token(), "Bearer", issued.expiresIn(), time(issued.expiresAt()));
        }

        @Override
        public String toString() {
            return "TokenView[" + expiresAt + "]"; // never the token
        }
    }

    @Dto
    @Schema(name = "AccessTokenResponse")
    record TokenData(TokenView data) {
        @Override
        public String toString() {
            return "TokenData[" + data + "]";
        }
    }
}
