package dev.gatehouse.core.tokens;

import dev.gatehouse.core.platform.Platform;
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
 * key), the project is rotated to a fresh key first. The active key is read through
 * {@link ActiveKeyCache} (re-read by one caller every 5 s, the private part decrypted only when the
 * key changed), signing happens outside any transaction, and the audit entry
 * {@code api_key.token_issued} (never the token) is written behind ({@code Auditor#recordLater}): the
 * common case touches no storage and waits for no write (ADRs 30 and 38).
 */
public record IssueAccessToken(ProjectKeyRing ring, ActiveKeyCache activeKeys, KeyProjects projects, TokenSigner signer,
                               String issuer, Platform platform) {
    public static final long DEFAULT_TTL_SECONDS = 900;
    public static final long MIN_TTL_SECONDS = 60;
    public static final long MAX_TTL_SECONDS = SigningKey.MAX_TOKEN_TTL.toSeconds();

    /** @param expiresIn seconds; null for {@link #DEFAULT_TTL_SECONDS} */
    public record Command(Caller caller, Long expiresIn) {
    }

    public record Issued(String token, long expiresIn, Instant expiresAt, String kid, String jti) {
        @Override
        public String toString() {
            return "Issued[" + kid + ", " + jti + ", " + expiresAt + "]"; // never the token
        }
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
        var cached = activeKeys.fresh(key.projectId().get());
        if (cached.isEmpty()) {
            Result<ActiveKeyCache.Entry> loaded;
            try {
                loaded = load(c.caller(), key);
            } finally {
                activeKeys.readDone(key.projectId().get());
            }
            if (!loaded.isOk()) {
                return Result.fail(loaded.failure());
            }
            cached = Optional.of(loaded.value());
        }
        var entry = cached.get();
        if (!entry.organization().equals(key.organizationId())) {
            return Result.fail(Failure.notFound("Project"));
        }
        // Signing and the audit entry happen outside any transaction: nothing is written on this path (ADR 30).
        SigningKey signingKey = entry.key();
        TokenSigner.Key privateKey = entry.privateKey();
        Instant now = platform.clock().instant();
        long iat = now.getEpochSecond();
        Instant expiresAt = Instant.ofEpochSecond(iat).plus(Duration.ofSeconds(ttl));
        String jti = platform.ids().newId().toString();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer);
        claims.put("sub", key.keyId().text());
        claims.put("org", key.organizationId().text());
        claims.put("project", key.projectId().get().text());
        claims.put("env", key.environmentId().get().text());
        claims.put("scope", String.join(" ", new TreeSet<>(key.scopes())));
        claims.put("iat", iat);
        claims.put("exp", expiresAt.getEpochSecond());
        claims.put("jti", jti);
        String token = signer.sign(privateKey, claims);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("api_key_id", key.keyId().text());
        data.put("project_id", key.projectId().get().text());
        data.put("environment_id", key.environmentId().get().text());
        data.put("signing_key_id", signingKey.id().text());
        data.put("jti", jti);
        data.put("expires_at", expiresAt.toString());
        platform.auditor().recordLater(c.caller(), "api_key.token_issued", "api_key", key.keyId(), key.organizationId(), data);
        return Result.ok(new Issued(token, ttl, expiresAt, signingKey.id().text(), jti));
    }

    /**
     * Reads the project and its active key (creating or replacing it in a write transaction only when
     * there is none or it cannot be decrypted), decrypts the private part and caches both.
     */
    private Result<ActiveKeyCache.Entry> load(Caller caller, Principal.ApiKey key) {
        var projectId = key.projectId().get();
        Result<ActiveKeyCache.Entry> read = platform.transactions().readOnly(() -> {
            var project = projects.live(projectId);
            if (project.isEmpty() || !project.get().organizationId().equals(key.organizationId())) {
                return Result.fail(Failure.notFound("Project"));
            }
            var active = ring.active(project.get());
            if (active.isEmpty()) {
                return Result.ok(null);
            }
            // the private part already decrypted when the active key is still the one held (ADR 38)
            return Result.ok(activeKeys.privateKey(projectId, active.get().id()).or(() -> ring.unseal(active.get()))
                    .map(pk -> new ActiveKeyCache.Entry(project.get().organizationId(), active.get(), pk, 0L))
                    .orElse(null));
        });
        if (!read.isOk()) {
            return read;
        }
        ActiveKeyCache.Entry entry = read.value();
        if (entry == null) {
            entry = platform.transactions().inTransaction(() -> {
                var project = projects.live(projectId);
                if (project.isEmpty() || !project.get().organizationId().equals(key.organizationId())) {
                    return null;
                }
                SigningKey signingKey = ring.ensureActive(caller, project.get());
                Optional<TokenSigner.Key> privateKey = ring.unseal(signingKey);
                if (privateKey.isEmpty()) {
                    signingKey = ring.rotate(caller, project.get(), signingKey.algorithm(), "undecryptable");
                    privateKey = ring.unseal(signingKey);
                }
                return new ActiveKeyCache.Entry(project.get().organizationId(), signingKey, privateKey.orElseThrow(), 0L);
            });
            if (entry == null) {
                return Result.fail(Failure.notFound("Project"));
            }
        }
        activeKeys.put(projectId, entry.organization(), entry.key(), entry.privateKey());
        return Result.ok(entry);
    }
}
