package dev.gatehouse.core.keys;

import dev.gatehouse.core.shared.ApiKeyId;
import dev.gatehouse.core.shared.Transactions;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps API keys' {@code last_used_at} without a database write per request: a use is noted in
 * memory (at most once per {@link #RESOLUTION} per key), and {@link #flush()}, run every
 * {@link #FLUSH_INTERVAL} by the server (and at shutdown), writes every pending time in one batch.
 * Stored values are therefore at most one flush interval stale (plus the resolution); reads through
 * {@link #overlay(ApiKey)} see the pending time at once on this instance. A failed flush throws and
 * keeps its times for the next one.
 */
public final class LastUsedRecorder {
    public static final Duration FLUSH_INTERVAL = Duration.ofSeconds(15);
    /** Uses closer together than this do not touch the pending map again (a hot key costs one read). */
    public static final Duration RESOLUTION = Duration.ofSeconds(1);

    private final ApiKeys apiKeys;
    private final Transactions tx;
    private final Map<ApiKeyId, Instant> pending = new ConcurrentHashMap<>();

    public LastUsedRecorder(ApiKeys apiKeys, Transactions tx) {
        this.apiKeys = apiKeys;
        this.tx = tx;
    }

    /** Notes a use of the key at {@code at}; cheap, never blocks on storage. */
    public void touch(ApiKeyId id, Instant at) {
        Instant seen = pending.get(id);
        if (seen != null && at.isBefore(seen.plus(RESOLUTION))) {
            return;
        }
        pending.merge(id, at, (a, b) -> a.isAfter(b) ? a : b);
    }

    /** The use noted but not yet written, if any. */
    public Optional<Instant> pending(ApiKeyId id) {
        return Optional.ofNullable(pending.get(id));
    }

    /** The key with its pending last use applied when that is later than the stored one. */
    public ApiKey overlay(ApiKey key) {
        Instant noted = pending.get(key.id());
        return noted != null && (key.lastUsedAt() == null || noted.isAfter(key.lastUsedAt())) ? key.withLastUsedAt(noted) : key;
    }

    /**
     * Writes every pending time in one transaction (a time never moves a stored one backwards).
     *
     * @return how many keys were written
     */
    public int flush() {
        if (pending.isEmpty()) {
            return 0;
        }
        Map<ApiKeyId, Instant> batch = new HashMap<>(pending);
        tx.inTransaction(() -> { // a failure propagates and leaves the batch pending for the next flush
            apiKeys.recordLastUsed(batch);
            return null;
        });
        batch.forEach(pending::remove); // remove(key, value): a newer use noted meanwhile stays pending
        return batch.size();
    }
}
