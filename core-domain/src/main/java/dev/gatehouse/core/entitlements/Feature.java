package dev.gatehouse.core.entitlements;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A feature of the catalog: its key ({@code api_calls}), type, unit ({@code bytes}, {@code calls}),
 * the reset period plans use unless they say otherwise ({@link Period#NONE} for gauges and
 * booleans) and a description.
 */
public record Feature(String key, FeatureType type, String unit, Period period, String description) {
    public static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    /** The product's own features, which Gatehouse enforces itself. */
    public static final String MEMBERS = dev.gatehouse.core.shared.Quota.MEMBERS;
    public static final String PROJECTS = dev.gatehouse.core.shared.Quota.PROJECTS;
    public static final String API_KEYS = dev.gatehouse.core.shared.Quota.API_KEYS;
    public static final String WEBHOOKS = dev.gatehouse.core.shared.Quota.WEBHOOKS;
    public static final String API_CALLS = "api_calls";
    public static final String STORAGE = "storage";

    /**
     * The features Gatehouse counts itself, in the use cases that create and remove them: usage of
     * these cannot be recorded through the API (a caller could otherwise release seats it holds).
     */
    public static final java.util.Set<String> MANAGED = java.util.Set.of(MEMBERS, PROJECTS, API_KEYS, WEBHOOKS);

    public Feature {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(description, "description");
    }

    public boolean managed() {
        return MANAGED.contains(key);
    }

    public boolean gauge() {
        return type == FeatureType.GAUGE;
    }
}
