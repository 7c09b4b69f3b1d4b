package dev.gatehouse.core.shared;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An expected failure, as a value: a reason, a human message, optional per-field errors and
 * machine-readable details (for example {@code feature}, {@code limit}, {@code retry_after}).
 */
public record Failure(Reason reason, String message, Map<String, List<String>> fieldErrors,
                      Map<String, Object> details) {

    public Failure {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
        fieldErrors = Map.copyOf(fieldErrors);
        details = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    public static Failure of(Reason reason, String message) {
        return new Failure(reason, message, Map.of(), Map.of());
    }

    public static Failure notFound(String what) {
        return of(Reason.NOT_FOUND, what + " not found");
    }

    public static Failure forbidden(String message) {
        return of(Reason.FORBIDDEN, message);
    }

    public static Failure conflict(String message) {
        return of(Reason.CONFLICT, message);
    }

    public static Failure invalid(String field, String problem) {
        return new Failure(Reason.VALIDATION, "The request is invalid.", Map.of(field, List.of(problem)), Map.of());
    }

    public static Failure invalid(Map<String, List<String>> fieldErrors) {
        return new Failure(Reason.VALIDATION, "The request is invalid.", fieldErrors, Map.of());
    }

    public Failure withDetail(String key, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(details);
        more.put(key, value);
        return new Failure(reason, message, fieldErrors, more);
    }
}
