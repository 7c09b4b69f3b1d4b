package dev.gatehouse.core.keys;

import dev.gatehouse.core.shared.Quota;
import dev.gatehouse.core.platform.Platform;
import dev.gatehouse.core.shared.ApiKeyId;
import dev.gatehouse.core.shared.Caller;

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
 *
 * @param entitlements gets back the {@code api_keys} slot of a key that expires while active
 */
public record ApiKeyLifecycle(ApiKeys apiKeys, KeyRevocations revocations, ApiKeyCache cache, Quota entitlements,
                              Platform platform) {
    private static final Caller LIFECYCLE = Caller.system("api-key-lifecycle");

    /** What one run did. */
    public record Outcome(int expired, int warned) {
        public int total() {
            return expired + warned;
        }
    }

    /** Handles up to {@code batch} due keys; call again while {@link Outcome#total()} equals the batch. */
    public Outcome handle(int batch) {
        Instant now = platform.clock().instant();
        List<ApiKey> due = platform.transactions().readOnly(() -> apiKeys.dueForLifecycle(now, batch));
        int expired = 0;
        int warned = 0;
        List<String> invalidate = new ArrayList<>();
        for (ApiKey candidate : due) {
            Step step = platform.transactions().inTransaction(() -> step(candidate.id(), now));
            if (step == Step.EXPIRED) {
                expired++;
                invalidate.add(candidate.hash());
            } else if (step == Step.WARNED) {
                warned++;
            }
        }
        invalidate.forEach(cache::invalidate);
        return new Outcome(expired, warned);
    }

    private enum Step { NONE, EXPIRED, WARNED }

    private Step step(ApiKeyId id, Instant now) {
        var found = apiKeys.lockById(id); // re-checked under the row lock: two instances racing act once
        if (found.isEmpty()) {
            return Step.NONE;
        }
        ApiKey k = found.get();
        var due = k.lifecycleAt(now);
        if (due instanceof ApiKey.LifecycleStep.Expire expire) {
            apiKeys.update(expire.expired());
            if (expire.freesSlot()) {
                entitlements.release(k.organizationId(), Quota.API_KEYS, 1);
            }
            var withdrawn = platform.authorizer().write(KeyRelationships.withdrawals(k));
            if (!withdrawn.isOk()) {
                throw new IllegalStateException("could not withdraw the relationships of " + k.id() + ": "
                        + withdrawn.failure().message()); // rolls back; the next run retries
            }
            var data = KeyEventData.of(expire.expired());
            data.put("reason", expire.reason());
            platform.auditor().record(LIFECYCLE, "api_key.expired", "api_key", k.id(), k.organizationId(), data);
            platform.events().record(new dev.gatehouse.core.events.KeyEvent.ApiKeyExpired(k.organizationId(), data));
            revocations.announce(k.hash());
            return Step.EXPIRED;
        }
        if (due instanceof ApiKey.LifecycleStep.Warn warn) {
            apiKeys.update(warn.warned());
            var data = KeyEventData.of(k);
            data.put("expires_in_days", warn.before().toDays());
            platform.events().record(new dev.gatehouse.core.events.KeyEvent.ApiKeyExpiring(k.organizationId(), data));
            return Step.WARNED;
        }
        return Step.NONE;
    }
}
