package dev.gatehouse.core.keys;

import dev.gatehouse.core.ratelimit.KeyTierLookup;
import dev.gatehouse.core.shared.ApiKeyId;
import dev.gatehouse.core.shared.Transactions;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keys' own tiers read from {@link ApiKeys} and kept for {@link #TTL}: a key's tier is fixed when it
 * is issued, so the cache only bounds how long a deleted key's entry lingers. One read per key per
 * {@link #TTL} per instance.
 */
public final class ApiKeyTiers implements KeyTierLookup {
    public static final Duration TTL = Duration.ofMinutes(5);
    private static final int MAX_ENTRIES = 100_000;

    private record Entry(Optional<String> tier, Instant until) {
    }

    private final ApiKeys keys;
    private final Transactions tx;
    private final Clock clock;
    private final Map<ApiKeyId, Entry> entries = new ConcurrentHashMap<>();

    public ApiKeyTiers(ApiKeys keys, Transactions tx, Clock clock) {
        this.keys = keys;
        this.tx = tx;
        this.clock = clock;
    }

    @Override
    public Optional<String> ownTierOf(ApiKeyId key) {
        Instant now = clock.instant();
        Entry e = entries.get(key);
        if (e != null && now.isBefore(e.until())) {
            return e.tier();
        }
        Optional<String> tier = tx.readOnly(() -> keys.byId(key)).map(k -> k.rateLimitTier());
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(key, new Entry(tier, now.plus(TTL)));
        return tier;
    }
}
