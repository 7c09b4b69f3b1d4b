package dev.gatehouse.http;

import dev.gatehouse.core.shared.Text;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The input rules that hold before any route runs (ADR 20): a URL over {@value #MAX_URL_LENGTH}
 * characters is 414; a request with a body that is not {@code application/json} is 415; a query
 * parameter with a control character (NUL included) is 422 naming it. Bodies are refused by
 * {@link StrictJson}, oversized header blocks by Netty (431, see {@link ProblemErrorResponseProcessor}).
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class InputRules implements Ordered {
    static final int MAX_URL_LENGTH = 8192;

    private final Problems problems;

    InputRules(Problems problems) {
        this.problems = problems;
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> check(HttpRequest<?> request) {
        String uri = request.getUri().toString();
        if (uri.length() > MAX_URL_LENGTH) {
            return problems.response(request, Problem.of(HttpStatus.REQUEST_URI_TOO_LONG, "uri_too_long",
                    "The URL exceeds " + MAX_URL_LENGTH + " characters."));
        }
        if (hasBody(request) && !json(request.getContentType())) {
            return problems.response(request, Problem.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
                    "Send the body as application/json."));
        }
        for (Map.Entry<String, List<String>> parameter : request.getParameters().asMap().entrySet()) {
            Optional<String> problem = Text.singleLineProblem(parameter.getKey());
            for (String value : parameter.getValue()) {
                problem = problem.or(() -> Text.singleLineProblem(value));
            }
            if (problem.isPresent()) {
                return problems.response(request, Problem.invalid(parameter.getKey(), problem.get()));
            }
        }
        return null;
    }

    private static boolean hasBody(HttpRequest<?> request) {
        HttpMethod method = request.getMethod();
        if (method != HttpMethod.POST && method != HttpMethod.PUT && method != HttpMethod.PATCH && method != HttpMethod.DELETE) {
            return false;
        }
        return request.getContentLength() > 0 || request.getHeaders().contains(HttpHeaders.TRANSFER_ENCODING);
    }

    private static boolean json(Optional<MediaType> type) {
        return type.map(t -> t.getType().equalsIgnoreCase("application")
                && (t.getSubtype().equalsIgnoreCase("json") || t.getSubtype().toLowerCase(java.util.Locale.ROOT).endsWith("+json")))
                .orElse(false);
    }

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE + 10;
    }
}
