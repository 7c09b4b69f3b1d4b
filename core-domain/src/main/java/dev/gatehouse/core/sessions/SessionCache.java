package dev.gatehouse.core.sessions;

import dev.gatehouse.core.shared.Principal;
import dev.gatehouse.core.shared.SessionId;
import dev.gatehouse.core.shared.UserId;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Recently authenticated session tokens (ADR 0042): a token that verified, whose stored session was
 * live and whose user was active, answers from memory for at most {@link #TTL} (and never past its
 * own expiry or its session's), so a request does not verify the signature again nor read the session
 * and the user. Only successes are kept.
 *
 * <p>Exact on this instance: logout, a revoked session and a deactivated user call
 * {@link #invalidateUser} inside their transaction and again after it committed, and a load that was
 * under way when any invalidation happened is returned but not kept (it may have read the state the
 * invalidation replaced). Other instances hear of the change through {@link SessionChanges} (on
 * PostgreSQL, LISTEN/NOTIFY delivered at commit) and, should that announcement be lost, forget the
 * entry within {@link #TTL}.
 */
public final class SessionCache {
    /** The longest an entry answers without reading the stores again. */
    public static final Duration TTL = Duration.ofSeconds(10);
    private static final int MAX_ENTRIES = 50_000;

    /** What a live session token stands for, until when the cache may say so, and its last recorded use. */
    public record Entry(Principal.User principal, SessionId session, Instant until, Instant lastSeenAt) {
        Entry seenAt(Instant at) {
            return new Entry(principal, session, until, at);
        }
    }

    private final Clock clock;
    private final Duration ttl;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong invalidations = new AtomicLong();

    public SessionCache(Clock clock) {
        this(clock, TTL);
    }

    public SessionCache(Clock clock, Duration ttl) {
        this.clock = clock;
        this.ttl = ttl;
    }

    /** The live entry for this token, if any. */
    public Optional<Entry> get(String token) {
        Entry e = entries.get(token);
        if (e == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(e.until())) {
            entries.remove(token, e);
            return Optional.empty();
        }
        return Optional.of(e);
    }

    /**
     * What {@code load} finds for the token (its {@link Entry#until()} being the session's expiry), kept
     * until the earliest of that, {@code tokenExpires} and the TTL, unless an invalidation happened while
     * it loaded.
     */
    public Optional<Entry> load(String token, Instant tokenExpires, Supplier<Optional<Entry>> load) {
        long started = invalidations.get();
        Optional<Entry> loaded = load.get();
        loaded.ifPresent(e -> {
            Instant until = earliest(earliest(e.until(), tokenExpires), clock.instant().plus(ttl));
            Entry kept = new Entry(e.principal(), e.session(), until, e.lastSeenAt());
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear(); // crude bound; an entry is one load away
            }
            entries.put(token, kept);
            if (invalidations.get() != started) {
                entries.remove(token, kept);
            }
        });
        return loaded;
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /** Records that the session was seen at {@code at} (its last use was just written). */
    public void seen(String token, Entry entry, Instant at) {
        entries.replace(token, entry, entry.seenAt(at));
    }

    /** Forgets every entry of the user's sessions (logout, revocation, deactivation). */
    public void invalidateUser(UserId user) {
        invalidations.incrementAndGet();
        entries.values().removeIf(e -> e.principal().userId().equals(user));
    }

    /** Forgets everything (announcements from other instances may have been missed). */
    public void clear() {
        invalidations.incrementAndGet();
        entries.clear();
    }

    /** How many tokens are held. */
    public int size() {
        return entries.size();
    }
}
