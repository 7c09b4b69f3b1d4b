package dev.gatehouse.core.keys;

import dev.gatehouse.core.platform.Platform;
import dev.gatehouse.core.shared.ApiKeyId;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.Reason;
import dev.gatehouse.core.shared.Result;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Replaces a key with a new one of the same owner, name, scopes, tier and (unless given) expiry
 * ({@code api_keys_write} where it is bound, and — as when issuing — no scope the caller does not
 * hold there). The old key keeps working for the grace period (default {@value #DEFAULT_GRACE_HOURS}
 * hours), never past its own expiry, as {@code rotating}; then it is expired (401). A grace period
 * of 0 retires it at once, like a revocation: relationships withdrawn, other instances told, cache
 * dropped. Only an active key rotates: a rotating one is 409 (rotate its successor). Events
 * {@code api_key.created} (the new key) and {@code api_key.rotated}; the new secret is returned once.
 */
public record RotateApiKey(ApiKeys apiKeys, KeyRevocations revocations, KeyOwners owners, KeyScopeGuard scopeGuard,
                           ApiKeyCache cache, Platform platform) {
    public static final int DEFAULT_GRACE_HOURS = 24;
    public static final int MAX_GRACE_HOURS = 720;

    /**
     * @param gracePeriodHours null for the default
     * @param expiresAt        the new key's expiry; null to keep the old key's
     */
    public record Command(Caller caller, ApiKeyId id, Integer gracePeriodHours, Instant expiresAt) {
    }

    /** The old key as it now stands, and the new key with its secret, which is never available again. */
    public record Rotated(ApiKey previous, ApiKey key, ApiKeySecret secret) {
    }

    public Result<Rotated> handle(Command c) {
        int grace = c.gracePeriodHours() == null ? DEFAULT_GRACE_HOURS : c.gracePeriodHours();
        if (grace < 0 || grace > MAX_GRACE_HOURS) {
            return Result.fail(Failure.invalid("grace_period_hours", "must be between 0 and " + MAX_GRACE_HOURS));
        }
        Instant now = platform.clock().instant();
        if (c.expiresAt() != null && !c.expiresAt().isAfter(now)) {
            return Result.fail(Failure.invalid("expires_at", "must be in the future"));
        }
        Result<Rotated> done = platform.transactions().inTransaction(() -> {
            var found = apiKeys.lockById(c.id());
            if (found.isEmpty()) {
                return Result.<Rotated>fail(Failure.notFound("API key"));
            }
            ApiKey old = found.get();
            Optional<Failure> denied = platform.access().require(c.caller(), KeyOwners.owner(old), "api_keys_write",
                    "api_keys_read", "API key").or(() -> scopeGuard.escalation(c.caller(), KeyOwners.owner(old), old.scopes()));
            if (denied.isPresent()) {
                return Result.<Rotated>fail(denied.get());
            }
            ApiKeyId successor = new ApiKeyId(platform.ids().newId());
            var rotation = old.rotate(now, Duration.ofHours(grace), successor);
            if (rotation instanceof ApiKey.Rotation.NotActive refused) {
                String hint = refused.successor() != null ? " Rotate its successor " + refused.successor().text() + " instead." : "";
                return Result.<Rotated>fail(Failure.of(Reason.INVALID_STATE, "The API key is " + refused.status().wire()
                        + "; only an active key can be rotated." + hint).withDetail("current_state", refused.status().wire()));
            }
            if (owners.disabled(old)) {
                return Result.<Rotated>fail(Failure.of(Reason.INVALID_STATE,
                        "The API key is disabled: its project or organization is deleted.").withDetail("current_state", "disabled"));
            }
            var started = (ApiKey.Rotation.Started) rotation;
            ApiKeySecret secret = ApiKeySecret.generate(platform.ids(), old.prefix().startsWith(ApiKeySecret.LIVE));
            ApiKey fresh = old.successor(successor, secret, c.expiresAt(), c.caller().principal().id(), now);
            ApiKey previous = started.previous();
            apiKeys.add(fresh);
            apiKeys.update(previous);
            var written = platform.authorizer().write(KeyRelationships.grants(fresh));
            if (written.isOk() && started.immediate()) {
                written = platform.authorizer().write(KeyRelationships.withdrawals(old));
            }
            if (!written.isOk()) {
                return Result.<Rotated>fail(written.failure());
            }
            var created = KeyEventData.of(fresh);
            created.put("rotated_from", old.id().text());
            platform.auditor().record(c.caller(), "api_key.created", "api_key", fresh.id(), fresh.organizationId(), created);
            platform.events().record(new dev.gatehouse.core.events.KeyEvent.ApiKeyCreated(fresh.organizationId(), created));
            var rotated = KeyEventData.of(previous);
            rotated.put("replaced_by", fresh.id().text());
            rotated.put("grace_period_hours", grace);
            rotated.put("valid_until", (started.immediate() ? now : previous.rotationEndsAt()).toString());
            platform.auditor().record(c.caller(), "api_key.rotated", "api_key", old.id(), old.organizationId(), rotated);
            platform.events().record(new dev.gatehouse.core.events.KeyEvent.ApiKeyRotated(old.organizationId(), rotated));
            revocations.announce(old.hash()); // other instances drop their cached copy of the old key
            return Result.ok(new Rotated(previous, fresh, secret));
        });
        if (done.isOk()) {
            cache.invalidate(done.value().previous().hash());
        }
        return done;
    }
}
