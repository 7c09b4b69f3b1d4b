package dev.gatehouse.core.authorization;

import java.util.List;
import java.util.Objects;

/**
 * The answer to a check with caveat context: {@link Permissionship#CONDITIONAL_PERMISSION} when the
 * answer depends on caveat parameters the request did not give, which {@link #missingContext} names
 * (sorted), as SpiceDB's {@code partial_caveat_info.missing_required_context}.
 */
public record CheckResult(Permissionship permissionship, List<String> missingContext) {

    public CheckResult {
        Objects.requireNonNull(permissionship, "permissionship");
        missingContext = List.copyOf(missingContext);
    }

    public static CheckResult of(Permissionship permissionship) {
        return new CheckResult(permissionship, List.of());
    }

    public boolean allowed() {
        return permissionship == Permissionship.HAS_PERMISSION;
    }
}
