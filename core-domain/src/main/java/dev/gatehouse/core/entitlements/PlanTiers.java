package dev.gatehouse.core.entitlements;

import dev.gatehouse.core.ratelimit.TierResolver;
import dev.gatehouse.core.shared.OrganizationId;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The rate limiter's view of organizations' plans: each organization's tier from
 * {@link OrganizationPlans}, remembered for {@link #TTL} so a request of an API key reads no storage
 * on a hit. A plan change is seen within the TTL on every instance. A missing organization gets the
 * fallback tier (its keys fail authentication anyway).
 */
public final class PlanTiers implements TierResolver {
    public static final Duration TTL = Duration.ofSeconds(60);
    private static final int MAX_ENTRIES = 100_000;

    private record Entry(String tier, Instant until) {
    }

    private final OrganizationPlans plans;
    private final Clock clock;
    private final String fallback;
    private final Map<OrganizationId, Entry> cache = new ConcurrentHashMap<>();

    public PlanTiers(OrganizationPlans plans, Clock clock, String fallback) {
        this.plans = Objects.requireNonNull(plans, "plans");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.fallback = Objects.requireNonNull(fallback, "fallback");
    }

    @Override
    public String tierOf(OrganizationId organization) {
        Instant now = clock.instant();
        Entry e = cache.get(organization);
        if (e != null && now.isBefore(e.until())) {
            return e.tier();
        }
        String tier = plans.tierOf(organization).orElse(fallback);
        if (cache.size() >= MAX_ENTRIES) {
            cache.clear();
        }
        cache.put(organization, new Entry(tier, now.plus(TTL)));
        return tier;
    }

    /** Forgets an organization's tier (its plan changed on this instance). */
    public void forget(OrganizationId organization) {
        cache.remove(organization);
    }
}
