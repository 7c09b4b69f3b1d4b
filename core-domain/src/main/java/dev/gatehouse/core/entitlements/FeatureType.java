package dev.gatehouse.core.entitlements;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What kind of feature: a {@link #GAUGE} counts things that exist now (members, projects, API keys,
 * storage) and goes down when they go (negative quantities release); a {@link #COUNTER} counts
 * events (API calls) within a reset period and only goes up; a {@link #BOOLEAN} is on or off.
 */
public enum FeatureType {
    GAUGE, COUNTER, BOOLEAN;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<FeatureType> parse(String text) {
        String t = text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(v -> v.name().equals(t)).findFirst();
    }
}
