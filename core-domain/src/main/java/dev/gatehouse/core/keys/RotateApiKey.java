package dev.gatehouse.core.keys;

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
public final class RotateApiKey {
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

    private final ApiKeyContext ctx;

    public RotateApiKey(ApiKeyContext ctx) {
        this.ctx = ctx;
    }

    public Result<Rotated> handle(Command c) {
        int grace = c.gracePeriodHours() == null ? DEFAULT_GRACE_HOURS : c.gracePeriodHours();
        if (grace < 0 || grace > MAX_GRACE_HOURS) {
            return Result.fail(Failure.invalid("grace_period_hours", "must be between 0 and " + MAX_GRACE_HOURS));
        }
        Instant now = ctx.clock().instant();
        if (c.expiresAt() != null && !c.expiresAt().isAfter(now)) {
            return Result.fail(Failure.invalid("expires_at", "must be in the future"));
        }
        Result<Rotated> done = ctx.tx().inTransaction(() -> {
            var found = ctx.apiKeys().lockById(c.id());
            if (found.isEmpty()) {
                return Result.<Rotated>fail(Failure.notFound("API key"));
            }
            ApiKey old = found.get();
            Optional<Failure> denied = ctx.access().require(c.caller(), ApiKeyContext.owner(old), "api_keys_write",
                    "api_keys_read", "API key").or(() -> ctx.escalation(c.caller(), ApiKeyContext.owner(old), old.scopes()));
            if (denied.isPresent()) {
                return Result.<Rotated>fail(denied.get());
            }
            ApiKeyStatus status = old.statusAt(now);
            if (status != ApiKeyStatus.ACTIVE) {
                String hint = status == ApiKeyStatus.ROTATING ? " Rotate its successor " + old.replacedBy().text() + " instead." : "";
                return Result.<Rotated>fail(Failure.of(Reason.INVALID_STATE, "The API key is " + status.wire()
                        + "; only an active key can be rotated." + hint).withDetail("current_state", status.wire()));
            }
            if (ctx.disabled(old)) {
                return Result.<Rotated>fail(Failure.of(Reason.INVALID_STATE,
                        "The API key is disabled: its project or organization is deleted.").withDetail("current_state", "disabled"));
            }
            ApiKeySecret secret = ApiKeySecret.generate(ctx.ids(), old.prefix().startsWith(ApiKeySecret.LIVE));
            ApiKey fresh = new ApiKey(new ApiKeyId(ctx.ids().newId()), old.organizationId(), old.projectId(),
                    old.environmentId(), old.name(), old.scopes(), secret.hash(), secret.displayPrefix(),
                    c.expiresAt() != null ? c.expiresAt() : old.expiresAt(), old.rateLimitTier(), c.caller().principal().id(),
                    now, null, ApiKeyStatus.ACTIVE, null, null, null, 0);
            ApiKey previous = grace == 0 ? old.rotating(now, fresh.id()).revoked(now)
                    : old.rotating(now.plus(Duration.ofHours(grace)), fresh.id());
            ctx.apiKeys().add(fresh);
            ctx.apiKeys().update(previous);
            var written = ctx.authorizer().write(ApiKeyContext.grants(fresh));
            if (written.isOk() && grace == 0) {
                written = ctx.authorizer().write(ApiKeyContext.withdrawals(old));
            }
            if (!written.isOk()) {
                return Result.<Rotated>fail(written.failure());
            }
            var created = ApiKeyContext.data(fresh);
            created.put("rotated_from", old.id().text());
            ctx.auditor().record(c.caller(), "api_key.created", "api_key", fresh.id(), fresh.organizationId(), created);
            ctx.events().record(new dev.gatehouse.core.events.KeyEvent.ApiKeyCreated(fresh.organizationId(), created));
            var rotated = ApiKeyContext.data(previous);
            rotated.put("replaced_by", fresh.id().text());
            rotated.put("grace_period_hours", grace);
            rotated.put("valid_until", (grace == 0 ? now : previous.rotationEndsAt()).toString());
            ctx.auditor().record(c.caller(), "api_key.rotated", "api_key", old.id(), old.organizationId(), rotated);
            ctx.events().record(new dev.gatehouse.core.events.KeyEvent.ApiKeyRotated(old.organizationId(), rotated));
            ctx.revocations().announce(old.hash()); // other instances drop their cached copy of the old key
            return Result.ok(new Rotated(previous, fresh, secret));
        });
        if (done.isOk()) {
            ctx.cache().invalidate(done.value().previous().hash());
        }
        return done;
    }
}
