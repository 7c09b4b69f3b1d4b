package dev.gatehouse.core.ratelimit;

import dev.gatehouse.core.shared.ApiKeyId;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Principal;
import dev.gatehouse.core.shared.SharedFailure;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Decides whether a principal may make one more request: a token bucket per API key ({@code key:…})
 * or per user ({@code user:…}), kept as GCRA state in a {@link RateLimitStore}.
 *
 * <ul>
 *   <li>An API key gets its organization's tier ({@link TierResolver}), lowered by the key's own
 *       {@code rate_limit_tier} when that is lower.</li>
 *   <li>A user session gets {@link Settings#sessionTier()} (default {@code pro}); a platform admin
 *       gets {@link Settings#adminTier()} (default {@code enterprise}): limited, so a runaway script
 *       is still stopped, but far above any tenant.</li>
 *   <li>The system principal and anonymous callers are not limited (no decision).</li>
 * </ul>
 *
 * <p>When the store leases more than one token at a time ({@link RateLimitStore#leaseSize}), this
 * instance spends a lease locally for at most {@link Settings#leaseTtl()} and puts what it did not
 * spend back with its next lease. Remaining counts then reflect the shared bucket as of this
 * instance's last lease plus its unspent lease; they are exact with one instance.
 */
public final class RateLimiter {

    /**
     * @param enabled     false: no decision at all (development)
     * @param defaultTier the tier when the resolver names an unknown one
     * @param leaseTtl    how long a leased chunk may be spent on this instance
     */
    public record Settings(boolean enabled, RateLimitTier sessionTier, RateLimitTier adminTier, RateLimitTier defaultTier,
                           Duration leaseTtl) {
        public static final Duration DEFAULT_LEASE_TTL = Duration.ofSeconds(1);

        public Settings {
            Objects.requireNonNull(sessionTier, "sessionTier");
            Objects.requireNonNull(adminTier, "adminTier");
            Objects.requireNonNull(defaultTier, "defaultTier");
            Objects.requireNonNull(leaseTtl, "leaseTtl");
        }

        /** On; sessions {@code pro}, platform admins {@code enterprise}, unknown organization tiers {@code free}. */
        public static Settings defaults() {
            return new Settings(true, RateLimitTier.PRO, RateLimitTier.ENTERPRISE, RateLimitTier.FREE, DEFAULT_LEASE_TTL);
        }

        public static Settings off() {
            return new Settings(false, RateLimitTier.PRO, RateLimitTier.ENTERPRISE, RateLimitTier.FREE, DEFAULT_LEASE_TTL);
        }

        public Settings withSessionTier(RateLimitTier tier) {
            return new Settings(enabled, tier, adminTier, defaultTier, leaseTtl);
        }
    }

    /**
     * This instance's unspent lease of one bucket. Guarded by its own monitor, which is held while the
     * store is asked for the next lease; callers that waited for it meanwhile share that call's failure.
     */
    private static final class Local {
        int left;
        long expiresAt;
        long tat;
        final SharedFailure failed = new SharedFailure();
    }

    private final RateLimitStore store;
    private final TierResolver tiers;
    private final KeyTierLookup keyTiers;
    private final Settings settings;
    private final Clock clock;
    private final Map<String, Local> leases = new ConcurrentHashMap<>();
    private final AtomicLong decisions = new AtomicLong();

    public RateLimiter(RateLimitStore store, TierResolver tiers, KeyTierLookup keyTiers, Settings settings, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.tiers = Objects.requireNonNull(tiers, "tiers");
        this.keyTiers = Objects.requireNonNull(keyTiers, "keyTiers");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public boolean enabled() {
        return settings.enabled();
    }

    public Settings settings() {
        return settings;
    }

    /** One request by {@code principal}: empty when it is not limited (limits off, system, anonymous). */
    public Optional<RateLimitDecision> check(Principal principal) {
        if (!settings.enabled()) {
            return Optional.empty();
        }
        if (principal instanceof Principal.ApiKey key) {
            return Optional.of(checkApiKey(key.keyId(), key.organizationId(), keyTiers.ownTierOf(key.keyId()).orElse(null)));
        }
        if (principal instanceof Principal.User user) {
            return Optional.of(take("user:" + user.userId().text(), user.platformAdmin() ? settings.adminTier() : settings.sessionTier()));
        }
        return Optional.empty();
    }

    /**
     * One request (or verification) of an API key, on the key's own bucket.
     *
     * @param ownTier the key's {@code rate_limit_tier}, null for none
     */
    public RateLimitDecision checkApiKey(ApiKeyId key, OrganizationId organization, String ownTier) {
        return take("key:" + key.text(), tierOfKey(organization, ownTier));
    }

    /** Whether one more verification of the key is admitted (always, when limits are off). */
    public boolean admitApiKey(ApiKeyId key, OrganizationId organization, String ownTier) {
        return !settings.enabled() || checkApiKey(key, organization, ownTier).allowed();
    }

    /** The organization's tier, lowered by the key's own when that is lower. */
    public RateLimitTier tierOfKey(OrganizationId organization, String ownTier) {
        RateLimitTier org = RateLimitTier.named(tiers.tierOf(organization)).orElse(settings.defaultTier());
        return RateLimitTier.named(ownTier).map(org::lowerOf).orElse(org);
    }

    /** Takes one token from the named bucket of the given tier. */
    public RateLimitDecision take(String bucket, RateLimitTier tier) {
        Instant instant = clock.instant();
        long now = RateLimitStore.nanos(instant);
        int size = store.leaseSize(tier);
        sweepSometimes(now, size <= 1);
        if (size <= 1) {
            return decide(store.take(bucket, tier, 1, 0, instant), tier, now, 0);
        }
        Local local = leases.computeIfAbsent(bucket, b -> new Local());
        long arrival = local.failed.arrival();
        synchronized (local) {
            if (local.left > 0 && now < local.expiresAt) {
                local.left--;
                return allowed(tier, local.tat, local.left, now);
            }
            local.failed.rethrowIfFailedSince(arrival);
            int returned = local.left;
            RateLimitStore.Lease lease;
            try {
                lease = store.take(bucket, tier, size, returned, instant);
            } catch (RuntimeException e) {
                throw local.failed.record(e);
            }
            local.tat = lease.tatNanos();
            local.expiresAt = now + settings.leaseTtl().toNanos();
            local.left = Math.max(0, lease.granted() - 1);
            return decide(lease, tier, now, local.left);
        }
    }

    private RateLimitDecision decide(RateLimitStore.Lease lease, RateLimitTier tier, long now, int unspent) {
        if (lease.granted() > 0) {
            return allowed(tier, lease.tatNanos(), unspent, now);
        }
        long base = Math.max(lease.tatNanos(), now);
        long retry = Math.max(0, base + tier.emissionIntervalNanos() - tier.toleranceNanos() - now);
        return new RateLimitDecision(false, tier, tier.capacity(), 0, RateLimitStore.instant(base), Duration.ofNanos(retry));
    }

    private static RateLimitDecision allowed(RateLimitTier tier, long tat, int unspent, long now) {
        long base = Math.max(tat, now);
        long shared = Math.max(0, (tier.toleranceNanos() - (base - now)) / tier.emissionIntervalNanos());
        long remaining = Math.min(tier.capacity(), shared + unspent);
        return new RateLimitDecision(true, tier, tier.capacity(), remaining, RateLimitStore.instant(base), Duration.ZERO);
    }

    /**
     * Every 4096 decisions, forgets this instance's lapsed leases (their unspent tokens are left to
     * refill) and, for an in-process store, its full buckets; a shared store is purged by a job.
     */
    private void sweepSometimes(long now, boolean inProcessStore) {
        if ((decisions.incrementAndGet() & 4095) == 0) {
            forgetLapsedLeases(now);
            if (inProcessStore) {
                store.purgeFull(RateLimitStore.instant(now));
            }
        }
    }

    private void forgetLapsedLeases(long now) {
        leases.values().removeIf(l -> {
            synchronized (l) {
                return l.expiresAt <= now;
            }
        });
    }

    /** Forgets buckets of the store that are full (for a periodic job over a shared store). */
    public int purgeFull() {
        Instant now = clock.instant();
        forgetLapsedLeases(RateLimitStore.nanos(now));
        return store.purgeFull(now);
    }
}
