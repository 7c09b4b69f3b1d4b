package dev.gatehouse.core.keys;

import dev.gatehouse.core.authorization.Authorizer;
import dev.gatehouse.core.authorization.AccessControl;
import dev.gatehouse.core.authorization.ObjectRef;
import dev.gatehouse.core.authorization.Permissionship;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.Result;

import java.util.List;
import java.util.Optional;

/**
 * Tells a service whether a presented key is good: always an answer with a {@link Code}, never an
 * error for a bad key. A malformed key or wrong checksum is {@code NOT_FOUND} without touching
 * storage; so is a key the caller may not verify: {@code api_keys_verify} is decided where the
 * presented key lives (its environment, or its organization), so an environment key verifies the keys
 * of its own environment and keys of other tenants reveal nothing. A soft-deleted project or organization makes its keys {@code DISABLED}.
 * An API key caller's {@code api_keys_verify} answer per key owner is remembered for {@link #PERMISSION_TTL}
 * (like SpiceDB's quantized caching), so a busy verifying service costs no authorization query per call:
 * a key's rights change only when it is revoked, which fails its authentication at once. A user's rights
 * change with their memberships and grants (a member removed, a user deactivated, a grant revoked), so a
 * user caller is asked every time (ADR 0018).
 */
public final class VerifyApiKey {
    public enum Code { VALID, NOT_FOUND, EXPIRED, REVOKED, INSUFFICIENT_SCOPES, DISABLED, RATE_LIMITED }

    /** @param scopes the scopes the key must hold, or null/empty for none */
    public record Command(Caller caller, String key, List<String> scopes) {
    }

    /** @param key the stored key, absent for NOT_FOUND */
    public record Verification(Code code, Optional<ApiKey> key) {
        public boolean valid() {
            return code == Code.VALID;
        }
    }

    public static final java.time.Duration PERMISSION_TTL = java.time.Duration.ofSeconds(5);
    private static final int MAX_PERMISSIONS = 100_000;

    private record Allowed(boolean allowed, java.time.Instant until) {
    }

    private final ApiKeyLookup lookup;
    private final KeyOwners owners;
    private final LastUsedRecorder lastUsed;
    private final Authorizer authorizer;
    private final java.time.Clock clock;
    private final java.util.function.Predicate<ApiKey> rateLimit;
    /** By "subject|organization": whether the subject holds api_keys_verify there, and until when that is trusted. */
    private final java.util.Map<String, Allowed> permissions = new java.util.concurrent.ConcurrentHashMap<>();

    /** @param rateLimit consulted after a VALID outcome (takes from the key's own bucket); false → RATE_LIMITED */
    public VerifyApiKey(ApiKeyLookup lookup, KeyOwners owners, LastUsedRecorder lastUsed, Authorizer authorizer,
                        java.time.Clock clock, java.util.function.Predicate<ApiKey> rateLimit) {
        this.lookup = lookup;
        this.owners = owners;
        this.lastUsed = lastUsed;
        this.authorizer = authorizer;
        this.clock = clock;
        this.rateLimit = rateLimit;
    }

    public Result<Verification> handle(Command c) {
        var notFound = Result.ok(new Verification(Code.NOT_FOUND, Optional.empty()));
        if (c.key() == null || c.key().isBlank()) {
            return Result.fail(Failure.invalid("key", "is required"));
        }
        var secret = ApiKeySecret.parse(c.key().strip());
        if (secret.isEmpty()) {
            return notFound;
        }
        var found = lookup.find(secret.get());
        if (found.isEmpty() || !mayVerify(c, found.get())) {
            return notFound;
        }
        ApiKey key = found.get();
        java.time.Instant now = clock.instant();
        Code code = switch (key.statusAt(now)) {
            case REVOKED -> Code.REVOKED;
            case EXPIRED -> Code.EXPIRED;
            case ACTIVE, ROTATING -> owners.disabled(key) ? Code.DISABLED
                    : c.scopes() != null && !key.scopes().containsAll(c.scopes()) ? Code.INSUFFICIENT_SCOPES : Code.VALID;
        };
        if (code == Code.VALID && !rateLimit.test(key)) {
            code = Code.RATE_LIMITED;
        }
        if (code == Code.VALID) {
            lastUsed.touch(key.id(), now);
        }
        return Result.ok(new Verification(code, Optional.of(key)));
    }

    private boolean mayVerify(Command c, ApiKey key) {
        if (c.caller().principal().platformAdmin()) {
            return true;
        }
        var subject = AccessControl.subject(c.caller().principal());
        if (subject.isEmpty()) {
            return false;
        }
        if (!(c.caller().principal() instanceof dev.gatehouse.core.shared.Principal.ApiKey)) {
            var answer = authorizer.check(owners.where(key), "api_keys_verify", subject.get());
            return answer.isOk() && answer.value() == Permissionship.HAS_PERMISSION;
        }
        java.time.Instant now = clock.instant();
        // decided where the presented key lives: an organization key verifies every key of its
        // organization, an environment key those of its own environment
        ObjectRef owner = owners.where(key);
        String cacheKey = subject.get() + "|" + owner;
        Allowed known = permissions.get(cacheKey);
        if (known != null && now.isBefore(known.until())) {
            return known.allowed();
        }
        var answer = authorizer.check(owner, "api_keys_verify", subject.get());
        if (!answer.isOk()) {
            return false; // not remembered: the authorizer was unavailable
        }
        boolean allowed = answer.value() == Permissionship.HAS_PERMISSION;
        if (permissions.size() >= MAX_PERMISSIONS) {
            permissions.clear();
        }
        permissions.put(cacheKey, new Allowed(allowed, now.plus(PERMISSION_TTL)));
        return allowed;
    }
}
