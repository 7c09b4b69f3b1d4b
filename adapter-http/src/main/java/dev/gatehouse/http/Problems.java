package dev.gatehouse.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.core.shared.Failure;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes problem responses, and maps the domain's failure reasons to HTTP: the one place where a
 * {@link dev.gatehouse.core.shared.Reason} becomes a status and an error code.
 */
@Singleton
final class Problems {
    static final String PROBLEM_JSON = "application/problem+json";

    private final ObjectMapper json;

    Problems(ObjectMapper json) {
        this.json = json;
    }

    /** Seconds a client is asked to wait ({@code Retry-After}) after a 503. */
    static final int RETRY_AFTER_UNAVAILABLE = 2;

    /** A dependency (the database, the authorization service) did not answer in time: 503, retry later. */
    static Problem serviceUnavailable() {
        return new Problem(503, "service_unavailable", "Service Unavailable",
                "A service this request needs did not answer in time; retry later.", Map.of(),
                Map.of("retry_after", RETRY_AFTER_UNAVAILABLE));
    }

    static Problem fromFailure(Failure f) {
        Map<String, Object> details = new LinkedHashMap<>(f.details());
        // A state the request cannot change, with its own code (webhooks' cannot_retry): 400 with that code.
        if (f.reason() == dev.gatehouse.core.shared.Reason.INVALID_STATE && details.get("error") instanceof String code) {
            details.remove("error");
            return new Problem(400, code, "Bad Request", f.message(), f.fieldErrors(), details);
        }
        // A refusal with its own code (email_not_verified, signup_disabled): 403 with that code.
        if (f.reason() == dev.gatehouse.core.shared.Reason.FORBIDDEN && details.get("error") instanceof String code) {
            details.remove("error");
            return new Problem(403, code, "Forbidden", f.message(), f.fieldErrors(), details);
        }
        Problem p = switch (f.reason()) {
            case VALIDATION -> new Problem(422, "validation_failed", "Unprocessable Entity", f.message(), f.fieldErrors(), details);
            case NOT_FOUND -> new Problem(404, "not_found", "Not Found", f.message(), f.fieldErrors(), details);
            case CONFLICT -> new Problem(409, "conflict", "Conflict", f.message(), f.fieldErrors(), details);
            case INVALID_STATE -> new Problem(409, "conflict", "Conflict", f.message(), f.fieldErrors(), details);
            case FORBIDDEN -> new Problem(403, "access_denied", "Forbidden", f.message(), f.fieldErrors(), details);
            case UNAUTHENTICATED -> new Problem(401, "unauthorized", "Unauthorized", f.message(), f.fieldErrors(), details);
            case LIMIT_REACHED -> new Problem(403, "feature_limit_reached", "Forbidden", f.message(), f.fieldErrors(), details);
            case RATE_LIMITED -> new Problem(429, "rate_limit_exceeded", "Too Many Requests", f.message(), f.fieldErrors(), details);
            case UNAVAILABLE -> new Problem(503, "service_unavailable", "Service Unavailable", f.message(), f.fieldErrors(), details);
        };
        return p;
    }

    MutableHttpResponse<byte[]> response(HttpRequest<?> request, Failure failure) {
        return response(request, fromFailure(failure));
    }

    /** The response for a problem, with the headers its status calls for. */
    MutableHttpResponse<byte[]> response(HttpRequest<?> request, Problem problem) {
        MutableHttpResponse<byte[]> response = HttpResponse.status(HttpStatus.valueOf(problem.status()));
        return write(request, problem, response);
    }

    <T> MutableHttpResponse<T> write(HttpRequest<?> request, Problem problem, MutableHttpResponse<T> response) {
        String requestId = RequestIds.of(request);
        response.status(problem.status());
        response.getHeaders().set(RequestIds.HEADER, requestId);
        if (problem.status() == 401 && !response.getHeaders().contains(HttpHeaders.WWW_AUTHENTICATE)) {
            response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        if (problem.status() == 429 && problem.extensions().get("retry_after") instanceof Number n) {
            response.getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(n.longValue()));
        }
        if (problem.status() == 503 && !response.getHeaders().contains(HttpHeaders.RETRY_AFTER)) {
            response.getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(
                    problem.extensions().get("retry_after") instanceof Number n ? n.longValue() : RETRY_AFTER_UNAVAILABLE));
        }
        @SuppressWarnings("unchecked")
        MutableHttpResponse<T> written = (MutableHttpResponse<T>) response.body(bytes(problem.members(requestId)));
        written.contentType(PROBLEM_JSON);
        return written;
    }

    private byte[] bytes(Map<String, Object> members) {
        try {
            return json.writeValueAsBytes(members);
        } catch (JsonProcessingException e) {
            // Only the extension members can be unusual; fall back to a body without them.
            return ("{\"type\":\"" + Problem.TYPE_BASE + "server_error\",\"title\":\"Internal Server Error\",\"status\":500,"
                    + "\"error\":\"server_error\"}").getBytes(StandardCharsets.UTF_8);
        }
    }
}
