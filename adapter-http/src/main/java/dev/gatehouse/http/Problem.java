package dev.gatehouse.http;

import io.micronaut.http.HttpStatus;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An RFC 9457 problem as {@code api.md} defines it: {@code type}, {@code title}, {@code status},
 * {@code detail}, {@code error} (the code), {@code errors} (field → messages, when any),
 * {@code request_id}, plus code-specific members such as {@code retry_after}.
 */
record Problem(int status, String code, String title, String detail, Map<String, List<String>> errors,
               Map<String, Object> extensions) {
    static final String TYPE_BASE = "https://gatehouse.dev/problems/";

    Problem {
        errors = errors == null ? Map.of() : Map.copyOf(errors);
        extensions = extensions == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(extensions));
    }

    static Problem of(HttpStatus status, String code, String detail) {
        return new Problem(status.getCode(), code, status.getReason(), detail, Map.of(), Map.of());
    }

    static Problem invalid(String field, String message) {
        return new Problem(422, "validation_failed", "Unprocessable Entity", "The request is invalid.",
                Map.of(field, List.of(message)), Map.of());
    }

    Problem with(String member, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(extensions);
        more.put(member, value);
        return new Problem(status, code, title, detail, errors, more);
    }

    /** The JSON members in document order; extension members never override the standard ones. */
    Map<String, Object> members(String requestId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", TYPE_BASE + code);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.put("message", detail); // the seed profile's name for it (ADR 32)
        body.put("error", code);
        if (!errors.isEmpty()) {
            body.put("errors", new java.util.TreeMap<>(errors));
        }
        body.put("request_id", requestId);
        extensions.forEach(body::putIfAbsent);
        return body;
    }
}
