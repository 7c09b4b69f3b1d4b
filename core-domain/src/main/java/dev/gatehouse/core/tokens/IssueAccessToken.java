package dev.gatehouse.core.tokens;

import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.Principal;
import dev.gatehouse.core.shared.Reason;
import dev.gatehouse.core.shared.Result;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Exchanges the calling project API key for a short-lived access token: a JWT signed with the
 * project's active key (created when there is none), header {@code alg}, {@code typ: JWT},
 * {@code kid}; claims {@code iss}, {@code sub} (the key id), {@code org}, {@code project}, {@code env},
 * {@code scope} (the key's scopes, space-separated), {@code iat}, {@code exp}, {@code jti}. Only a
 * project key may: a user is refused (forbidden), an organization-wide key is invalid (it has no
 * project to sign for). When the active key's private part cannot be decrypted (another master
 * key), the project is rotated to a fresh key first. Audit {@code api_key.token_issued} (never the
 * token) commits with it.
 */
public final class IssueAccessToken {
    public static final long DEFAULT_TTL_SECONDS = 900;
    public static final long MIN_TTL_SECONDS = 60;
    public static final long MAX_TTL_SECONDS = ProjectSigningKey.MAX_TOKEN_TTL.toSeconds();

    /** @param expiresIn seconds; null for {@link #DEFAULT_TTL_SECONDS} */
    public record Command(Caller caller, Long expiresIn) {
    }

    public record Issued(String token, long expiresIn, Instant expiresAt, String kid, String jti) {
        @Override
        public String toString() {
            return "Issued[" + kid + ", " + jti + ", " + expiresAt + "]"; // never the token
        }
    }

    private final SigningKeyContext ctx;

    public IssueAccessToken(SigningKeyContext ctx) {
        this.ctx = ctx;
    }

    public Result<Issued> handle(Command c) {
        if (!(c.caller().principal() instanceof Principal.ApiKey key)) {
            if (c.caller().principal() instanceof Principal.Anonymous) {
                return Result.fail(Failure.of(Reason.UNAUTHENTICATED, "Authenticate with a project API key as Bearer."));
            }
            return Result.fail(Failure.forbidden("Only a project API key can be exchanged for an access token; "
                    + "authenticate with the key as Bearer."));
        }
        if (key.projectId().isEmpty() || key.environmentId().isEmpty()) {
            return Result.fail(Failure.invalid("api_key", "An organization-wide key cannot be exchanged: access tokens are "
                    + "signed with a project's key. Use a key issued for a project environment."));
        }
        long ttl = c.expiresIn() == null ? DEFAULT_TTL_SECONDS : c.expiresIn();
        if (ttl < MIN_TTL_SECONDS || ttl > MAX_TTL_SECONDS) {
            return Result.fail(Failure.invalid("expires_in", "must be between " + MIN_TTL_SECONDS + " and " + MAX_TTL_SECONDS
                    + " seconds"));
        }
        return ctx.tx().inTransaction(() -> {
            var project = ctx.liveProject(key.projectId().get());
            if (project.isEmpty() || !project.get().organizationId().equals(key.organizationId())) {
                return Result.fail(Failure.notFound("Project"));
            }
            ProjectSigningKey signingKey = ctx.ensureActive(c.caller(), project.get());
            Optional<TokenSigner.Key> privateKey = ctx.unseal(signingKey);
            if (privateKey.isEmpty()) {
                signingKey = ctx.rotate(c.caller(), project.get(), signingKey.algorithm(), "undecryptable");
                privateKey = ctx.unseal(signingKey);
            }
            Instant now = ctx.clock().instant();
            long iat = now.getEpochSecond();
            Instant expiresAt = Instant.ofEpochSecond(iat).plus(Duration.ofSeconds(ttl));
            String jti = ctx.ids().newId().toString();
            Map<String, Object> claims = new LinkedHashMap<>();
            claims.put("iss", ctx.issuer());
            claims.put("sub", key.keyId().text());
            claims.put("org", key.organizationId().text());
            claims.put("project", key.projectId().get().text());
            claims.put("env", key.environmentId().get().text());
            claims.put("scope", String.join(" ", new TreeSet<>(key.scopes())));
            claims.put("iat", iat);
            claims.put("exp", expiresAt.getEpochSecond());
            claims.put("jti", jti);
            String token = ctx.signer().sign(privateKey.orElseThrow(), claims);
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("api_key_id", key.keyId().text());
            data.put("project_id", key.projectId().get().text());
            data.put("environment_id", key.environmentId().get().text());
            data.put("signing_key_id", signingKey.id().text());
            data.put("jti", jti);
            data.put("expires_at", expiresAt.toString());
            ctx.auditor().record(c.caller(), "api_key.token_issued", "api_key", key.keyId(), key.organizationId(), data);
            return Result.ok(new Issued(token, ttl, expiresAt, signingKey.id().text(), jti));
        });
    }
}
