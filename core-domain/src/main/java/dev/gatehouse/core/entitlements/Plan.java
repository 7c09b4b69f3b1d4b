package dev.gatehouse.core.entitlements;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** One tier of the catalog: its display name and what it gives for each feature it includes. */
public record Plan(String tier, String name, Map<String, Allowance> allowances) {
    public Plan {
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(name, "name");
        allowances = Collections.unmodifiableMap(new LinkedHashMap<>(allowances));
    }

    public Optional<Allowance> allowance(String feature) {
        return Optional.ofNullable(allowances.get(feature));
    }
}
