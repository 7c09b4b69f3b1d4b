package dev.gatehouse.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.gatehouse.core.keys.ApiKey;
import dev.gatehouse.core.keys.VerifyApiKey;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

import static dev.gatehouse.http.Dtos.time;

/** The wire records of API keys. The secret appears in the create response only ({@code key}). */
final class ApiKeyDtos {
    private ApiKeyDtos() {
    }

    @Dto
    @Schema(name = "ApiKey")
    record ApiKeyView(String id, String organizationId, @Schema(types = {"string", "null"}) String projectId,
                      @Schema(types = {"string", "null"}) String environmentId, String name,
                      @Schema(description = "The first characters of the key, to tell keys apart", examples = {"sk_live_a1B2…"})
                      String prefix, List<String> scopes,
                      @Schema(implementation = WireEnums.ApiKeyStatus.class) String status,
                      @Schema(types = {"string", "null"}, format = "date-time") String expiresAt,
                      @Schema(types = {"string", "null"}) String rateLimitTier, String createdBy,
                      @Schema(format = "date-time") String createdAt,
                      @Schema(types = {"string", "null"}, format = "date-time") String lastUsedAt,
                      @Schema(types = {"string", "null"}, format = "date-time") String revokedAt,
                      @Schema(types = {"string", "null"}, description = "Why a revoked key was revoked: by request (manual), "
                              + "or because what it belonged to was deleted" + " One of: manual, organization_deleted, project_deleted, environment_deleted.") String revokedReason,
                      @Schema(types = {"string", "null"}, format = "date-time", description = "A rotated key works until then (the end of its grace period)") String rotationEndsAt,
                      @Schema(types = {"string", "null"}, description = "The key that replaced this one in a rotation") String replacedBy,
                      @JsonInclude(JsonInclude.Include.NON_NULL) @ShownOnce
                      @Schema(description = "The full key: in the create and rotate responses only, never again") String key) {
        static ApiKeyView of(ApiKey k, java.time.Instant now) {
            return of(k, now, null);
        }

        /** The same key without its secret (shown once, elsewhere in the answer). */
        ApiKeyView withoutKey() {
            return new ApiKeyView(id, organizationId, projectId, environmentId, name, prefix, scopes, status, expiresAt, rateLimitTier,
                    createdBy, createdAt, lastUsedAt, revokedAt, revokedReason, rotationEndsAt, replacedBy, null);
        }

        static ApiKeyView of(ApiKey k, java.time.Instant now, String secret) {
            return new ApiKeyView(k.id().text(), k.organizationId().text(), k.project().map(p -> p.text()).orElse(null),
                    k.environment().map(e -> e.text()).orElse(null), k.name(), k.prefix(), List.copyOf(k.scopes()),
                    k.statusAt(now).wire(), time(k.expiresAt()), k.rateLimitTier(), k.createdBy(), time(k.createdAt()),
                    time(k.lastUsedAt()), time(k.revokedAt()), k.revokedReason(), time(k.rotationEndsAt()),
                    k.replacedBy() == null ? null : k.replacedBy().text(), secret);
        }
    }

    @Dto
    @Schema(name = "ApiKeyResponse")
    record ApiKeyData(@JsonInclude(JsonInclude.Include.NON_NULL) @Schema(types = {"string", "null"}) String message, ApiKeyView data) {
        ApiKeyData(ApiKeyView data) {
            this(null, data);
        }
    }

    @Dto
    @Schema(name = "ApiKeyList")
    record ApiKeyList(List<ApiKeyView> data, Dtos.ListMeta meta, Dtos.ListLinks links) {
    }

    @Dto
    @Schema(name = "CreateProjectApiKeyRequest")
    record CreateProjectApiKeyRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 100) String name,
                                      @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
                                              description = "The environment's id (env_…) or name") String environment,
                                      @Schema(description = "Default: every *:read scope") List<String> scopes,
                                      @Schema(format = "date-time") String expiresAt,
                                      @Schema(implementation = WireEnums.Tier.class)
                                      String rateLimitTier) {
    }

    @Dto
    @Schema(name = "CreateOrganizationApiKeyRequest")
    record CreateOrganizationApiKeyRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String organizationId,
                                           @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 100) String name,
                                           @Schema(description = "Default: every *:read scope") List<String> scopes,
                                           @Schema(format = "date-time") String expiresAt,
                                           @Schema(implementation = WireEnums.Tier.class)
                                           String rateLimitTier) {
    }

    @Dto
    @Schema(name = "RotateApiKeyRequest")
    record RotateApiKeyRequest(@Schema(description = "How long the old key keeps working: 0 (at once) to 720; default 24",
                                       minimum = "0", maximum = "720") Integer gracePeriodHours,
                               @Schema(format = "date-time", description = "The new key's expiry; default the old key's")
                               String expiresAt) {
    }

    @Dto
    @Schema(name = "RotatedApiKey")
    record RotatedView(@com.fasterxml.jackson.annotation.JsonUnwrapped
                       @Schema(description = "The new key's fields, its secret in `key` (shown once)") ApiKeyView key,
                       @Schema(types = {"string", "null"}, format = "date-time",
                               description = "Until then the old key keeps working too (its rotation_ends_at)")
                       String gracePeriodEndsAt,
                       @Schema(description = "The old key: rotating until rotation_ends_at, or revoked for a grace of 0")
                       ApiKeyView previous) {
    }

    @Dto
    @Schema(name = "RotatedApiKeyResponse")
    record RotatedData(String message, RotatedView data) {
    }

    @Dto
    @Schema(name = "VerifyApiKeyRequest")
    record VerifyApiKeyRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String key,
                               @Schema(description = "Scopes the key must hold; INSUFFICIENT_SCOPES otherwise") List<String> scopes) {
    }

    @Dto
    @Schema(name = "ApiKeyVerification")
    record VerificationView(boolean valid,
                            @Schema(implementation = WireEnums.VerificationCode.class) String code,
                            @Schema(types = {"string", "null"}) String keyId, @Schema(types = {"string", "null"}) String organizationId,
                            @Schema(types = {"string", "null"}) String projectId, @Schema(types = {"string", "null"}) String environmentId,
                            @Schema(types = {"array", "null"}) List<String> scopes,
                            @Schema(types = {"string", "null"}, format = "date-time") String expiresAt) {
        static VerificationView of(VerifyApiKey.Verification v) {
            var k = v.key();
            return new VerificationView(v.valid(), v.code().name(), k.map(x -> x.id().text()).orElse(null),
                    k.map(x -> x.organizationId().text()).orElse(null),
                    k.flatMap(ApiKey::project).map(p -> p.text()).orElse(null),
                    k.flatMap(ApiKey::environment).map(e -> e.text()).orElse(null),
                    k.map(x -> List.copyOf(x.scopes())).orElse(null),
                    k.map(x -> time(x.expiresAt())).orElse(null));
        }
    }

    @Dto
    @Schema(name = "ApiKeyVerificationResponse")
    record VerificationData(VerificationView data) {
    }

    /** {@code GET /api/v1/me} for an API key: what it is and what it reaches. */
    @Dto
    record KeySelfData(KeySelfView data) {
    }

    @Dto
    record KeySelfView(@Schema(implementation = WireEnums.PrincipalKind.class) String kind,
                       @Schema(implementation = WireEnums.KeyType.class) String keyType, String id,
                       String organizationId, String projectId, String environmentId, List<String> scopes,
                       List<ReachView> reaches) {
        static KeySelfView of(dev.gatehouse.core.shared.Principal.ApiKey key) {
            var reach = dev.gatehouse.core.authorization.ResourceAccess.reachOf(key);
            return new KeySelfView("api_key", key.environmentId().isPresent() ? "environment" : "organization", key.keyId().text(),
                    key.organizationId().text(), key.projectId().map(p -> p.text()).orElse(null),
                    key.environmentId().map(e -> e.text()).orElse(null), key.scopes().stream().sorted().toList(),
                    reach.stream().map(r -> new ReachView(r.type(), r.id(), r.scopes())).toList());
        }
    }

    /** A resource the key reaches and the scopes it exercises there. */
    @Dto
    record ReachView(@Schema(implementation = WireEnums.ResourceType.class) String type, String id,
                     List<String> scopes) {
    }
}
