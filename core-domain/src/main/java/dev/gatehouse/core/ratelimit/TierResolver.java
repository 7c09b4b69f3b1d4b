package dev.gatehouse.core.ratelimit;

import dev.gatehouse.core.shared.OrganizationId;

import java.util.Objects;

/**
 * The rate-limit tier of an organization (its plan's tier). Answers a tier name; an unknown name
 * falls back to the limiter's default tier. Called on every request of an API key, so an
 * implementation over storage must cache.
 */
@FunctionalInterface
public interface TierResolver {
    String tierOf(OrganizationId organization);

    /** Every organization on the same tier: the default until organization plans are wired. */
    static TierResolver fixed(String tier) {
        Objects.requireNonNull(tier, "tier");
        return organization -> tier;
    }
}
