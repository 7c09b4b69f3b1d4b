package dev.gatehouse.core.keys;

import dev.gatehouse.core.shared.ApiKeyId;
import dev.gatehouse.core.shared.Caller;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The scheduled side of keys' lives, run by every instance: a key past its expiry, or a rotated key
 * past its grace period, is stored as expired (its relationships withdrawn, audit and event
 * {@code api_key.expired}, other instances told); an active key within 7 days, then within 1 day,
 * of its expiry gets one {@code api_key.expiring} event each ({@link ApiKey#EXPIRY_WARNINGS}). Each
 * key changes in its own transaction under a row lock, re-checked, so two instances racing send each
 * event once. Authentication does not wait for this job: an expired key is refused the moment it
 * expires ({@link ApiKey#statusAt}).
 */
public final class ApiKeyLifecycle {
    private static final Caller LIFECYCLE = Caller.system("api-key-lifecycle");

    /** What one run did. */
    public record Outcome(int expired, int warned) {
        public int total() {
            return expired + warned;
        }
    }

    private final ApiKeyContext ctx;
    private final dev.gatehouse.core.entitlements.Entitlements entitlements;

    /** @param entitlements gets back the {@code api_keys} slot of a key that expires while active */
    public ApiKeyLifecycle(ApiKeyContext ctx, dev.gatehouse.core.entitlements.Entitlements entitlements) {
        this.ctx = ctx;
        this.entitlements = entitlements;
    }

    /** Handles up to {@code batch} due keys; call again while {@link Outcome#total()} equals the batch. */
    public Outcome handle(int batch) {
        Instant now = ctx.clock().instant();
        List<ApiKey> due = ctx.tx().readOnly(() -> ctx.apiKeys().dueForLifecycle(now, batch));
        int expired = 0;
        int warned = 0;
        List<String> invalidate = new ArrayList<>();
        for (ApiKey candidate : due) {
            Step step = ctx.tx().inTransaction(() -> step(candidate.id(), now));
            if (step == Step.EXPIRED) {
                expired++;
                invalidate.add(candidate.hash());
            } else if (step == Step.WARNED) {
                warned++;
            }
        }
        invalidate.forEach(ctx.cache()::invalidate);
        return new Outcome(expired, warned);
    }

    private enum Step { NONE, EXPIRED, WARNED }

    private Step step(ApiKeyId id, Instant now) {
        var found = ctx.apiKeys().lockById(id);
        if (found.isEmpty()) {
            return Step.NONE;
        }
        ApiKey k = found.get();
        if (k.status() != ApiKeyStatus.ACTIVE && k.status() != ApiKeyStatus.ROTATING) {
            return Step.NONE; // revoked or expired meanwhile
        }
        if (!k.usableAt(now)) {
            ApiKey expired = k.expired();
            ctx.apiKeys().update(expired);
            if (k.holdsPlanSlot()) {
                entitlements.release(k.organizationId(), dev.gatehouse.core.entitlements.Feature.API_KEYS, 1);
            }
            var withdrawn = ctx.authorizer().write(ApiKeyContext.withdrawals(k));
            if (!withdrawn.isOk()) {
                throw new IllegalStateException("could not withdraw the relationships of " + k.id() + ": "
                        + withdrawn.failure().message()); // rolls back; the next run retries
            }
            var data = ApiKeyContext.data(expired);
            data.put("reason", k.status() == ApiKeyStatus.ROTATING && (k.expiresAt() == null
                    || k.rotationEndsAt().isBefore(k.expiresAt())) ? "rotation_grace_ended" : "expired");
            ctx.auditor().record(LIFECYCLE, "api_key.expired", "api_key", k.id(), k.organizationId(), data);
            ctx.events().record(new dev.gatehouse.core.events.KeyEvent.ApiKeyExpired(k.organizationId(), data));
            ctx.revocations().announce(k.hash());
            return Step.EXPIRED;
        }
        if (k.status() != ApiKeyStatus.ACTIVE || k.expiresAt() == null) {
            return Step.NONE;
        }
        int stage = 0;
        for (int i = 0; i < ApiKey.EXPIRY_WARNINGS.size(); i++) {
            if (!now.isBefore(k.expiresAt().minus(ApiKey.EXPIRY_WARNINGS.get(i)))) {
                stage = i + 1;
            }
        }
        if (stage <= k.expiryWarnings()) {
            return Step.NONE;
        }
        ctx.apiKeys().update(k.withExpiryWarnings(stage));
        Duration warning = ApiKey.EXPIRY_WARNINGS.get(stage - 1);
        var data = ApiKeyContext.data(k);
        data.put("expires_in_days", warning.toDays());
        ctx.events().record(new dev.gatehouse.core.events.KeyEvent.ApiKeyExpiring(k.organizationId(), data));
        return Step.WARNED;
    }
}
