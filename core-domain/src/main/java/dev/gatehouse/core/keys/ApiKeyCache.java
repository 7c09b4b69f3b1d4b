package dev.gatehouse.core.keys;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Recently looked-up keys by hash, for {@link #TTL}, so verifying and authenticating a busy key does
 * not hit storage on every request. A revocation here invalidates its entry at once; another
 * instance's revocation is seen when the entry expires (cross-instance invalidation through
 * PostgreSQL LISTEN/NOTIFY comes in the next slice). Unknown hashes are not cached.
 */
public final class ApiKeyCache {
    public static final Duration TTL = Duration.ofSeconds(30);
    private static final int MAX_ENTRIES = 100_000;

    private record Entry(ApiKey key, Instant until) {
    }

    private final Clock clock;
    private final Duration ttl;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    public ApiKeyCache(Clock clock) {
        this(clock, TTL);
    }

    public ApiKeyCache(Clock clock, Duration ttl) {
        this.clock = clock;
        this.ttl = ttl;
    }

    /** The cached key for the hash, or what {@code load} finds (then cached). */
    Optional<ApiKey> get(String hash, Supplier<Optional<ApiKey>> load) {
        Instant now = clock.instant();
        Entry e = entries.get(hash);
        if (e != null && now.isBefore(e.until())) {
            return Optional.of(e.key());
        }
        Optional<ApiKey> loaded = load.get();
        if (loaded.isPresent()) {
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear(); // crude bound; a real LRU is not worth it at this size
            }
            entries.put(hash, new Entry(loaded.get(), now.plus(ttl)));
        } else {
            entries.remove(hash);
        }
        return loaded;
    }

    public void invalidate(String hash) {
        entries.remove(hash);
    }
}
