package dev.gatehouse.core.keys;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Recently looked-up keys by hash, for {@link #TTL}, so verifying and authenticating a busy key does
 * not hit storage on every request. A revocation here invalidates its entry at once; another
 * instance's revocation arrives through {@link KeyRevocations} (PostgreSQL LISTEN/NOTIFY) and
 * invalidates it too, or, if the announcement was missed, the entry expires. Unknown hashes are not cached.
 */
public final class ApiKeyCache {
    public static final Duration TTL = Duration.ofSeconds(30);
    private static final int MAX_ENTRIES = 100_000;

    /** A cached key, or the mark an invalidation leaves so that a load already under way cannot re-cache. */
    private sealed interface Slot permits Cached, Tombstone {
    }

    private record Cached(ApiKey key, Instant until) implements Slot {
    }

    private record Tombstone(long sequence, Instant until) implements Slot {
    }

    private record Flag(boolean set, Instant until) {
    }

    private final Clock clock;
    private final Duration ttl;
    private final Map<String, Slot> entries = new ConcurrentHashMap<>();
    /** Whether a project or organization (by id text) is soft-deleted, which disables its keys. */
    private final Map<String, Flag> owners = new ConcurrentHashMap<>();
    private final AtomicLong invalidations = new AtomicLong();
    /** The invalidation sequence of the last {@link #clear()}: loads that began before it are not cached. */
    private volatile long lastClear;

    public ApiKeyCache(Clock clock) {
        this(clock, TTL);
    }

    public ApiKeyCache(Clock clock, Duration ttl) {
        this.clock = clock;
        this.ttl = ttl;
    }

    /**
     * The cached key for the hash, or what {@code load} finds (then cached). A load that began before
     * an invalidation of the same hash is returned but not cached: it may have read the state the
     * invalidation replaced (a revocation committing while the load ran).
     */
    Optional<ApiKey> get(String hash, Supplier<Optional<ApiKey>> load) {
        Instant now = clock.instant();
        if (entries.get(hash) instanceof Cached c && now.isBefore(c.until())) {
            return Optional.of(c.key());
        }
        long started = invalidations.get();
        Optional<ApiKey> loaded = load.get();
        if (loaded.isPresent() && lastClear <= started) {
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear(); // crude bound; a real LRU is not worth it at this size
            }
            entries.compute(hash, (k, old) -> old instanceof Tombstone t && t.sequence() > started && now.isBefore(t.until())
                    ? old : new Cached(loaded.get(), now.plus(ttl)));
        }
        return loaded;
    }

    /**
     * Whether the owner (a project or organization id) disables its keys, from the cache or
     * {@code load}; remembered for the TTL, so a deletion or restore takes effect within it.
     */
    boolean ownerDisabled(String owner, java.util.function.BooleanSupplier load) {
        Instant now = clock.instant();
        Flag f = owners.get(owner);
        if (f != null && now.isBefore(f.until())) {
            return f.set();
        }
        boolean set = load.getAsBoolean();
        if (owners.size() >= MAX_ENTRIES) {
            owners.clear();
        }
        owners.put(owner, new Flag(set, now.plus(ttl)));
        return set;
    }

    /** Forgets what is known about an owner (its deletion or restore happened on this instance). */
    public void invalidateOwner(String owner) {
        owners.remove(owner);
    }

    /**
     * Drops every cached key {@code match} accepts and what is known about {@code ownerIds} (a cascade
     * on this instance committed: an organization, project or environment and everything beneath it).
     * A load already under way is returned but not cached.
     */
    public void invalidateMatching(java.util.function.Predicate<ApiKey> match, java.util.Collection<String> ownerIds) {
        lastClear = invalidations.incrementAndGet();
        entries.entrySet().removeIf(e -> e.getValue() instanceof Cached c && match.test(c.key()));
        ownerIds.forEach(owners::remove);
    }

    public void invalidate(String hash) {
        entries.put(hash, new Tombstone(invalidations.incrementAndGet(), clock.instant().plus(ttl)));
    }

    /**
     * Forgets every entry, for when revocations may have been missed (the announcements' channel was
     * down). A load already under way when this runs is returned but not cached.
     */
    public void clear() {
        lastClear = invalidations.incrementAndGet();
        entries.clear();
        owners.clear();
    }
}
