package dev.gatehouse.http;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.http.server.netty.NettyHttpRequest;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.micronaut.json.JsonSyntaxException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Replaces Micronaut's error bodies with problem documents, so framework-level failures (unknown
 * route, wrong method, malformed JSON, wrong media type, body too large, unhandled exceptions) look
 * exactly like the domain's. A 500 never carries the exception's message: it is logged with the
 * request id instead.
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
final class ProblemErrorResponseProcessor implements ErrorResponseProcessor<Object> {
    private static final Logger LOG = LoggerFactory.getLogger(ProblemErrorResponseProcessor.class);

    private final Problems problems;

    ProblemErrorResponseProcessor(Problems problems) {
        this.problems = problems;
    }

    @Override
    public MutableHttpResponse<Object> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        @SuppressWarnings("unchecked")
        MutableHttpResponse<Object> r = (MutableHttpResponse<Object>) response;
        return problems.write(context.getRequest(), problem(context, response.code()), r);
    }

    private Problem problem(ErrorContext context, int status) {
        Throwable cause = context.getRootCause().orElse(null);
        return switch (status) {
            case 400 -> badRequest(context, cause);
            case 401 -> Problem.of(HttpStatus.UNAUTHORIZED, "unauthorized", "Authentication is required.");
            case 403 -> Problem.of(HttpStatus.FORBIDDEN, "access_denied", "You may not do this.");
            case 404 -> Problem.of(HttpStatus.NOT_FOUND, "not_found", "No resource at this path.");
            case 405 -> Problem.of(HttpStatus.METHOD_NOT_ALLOWED, "method_not_allowed",
                    "This path does not support the " + context.getRequest().getMethodName() + " method.");
            case 406 -> Problem.of(HttpStatus.NOT_ACCEPTABLE, "not_acceptable", "This resource is served as JSON only.");
            case 413 -> tooLarge(context);
            case 415 -> Problem.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
                    "Send the body as application/json.");
            default -> {
                Optional<Throwable> outage = status >= 500 ? DependencyFailures.unavailable(cause) : Optional.empty();
                if (outage.isPresent() && ClientGoneFilter.clientGone(context.getRequest())) {
                    // Its client closed the connection and its work was cancelled (ADR 0044): nobody reads this answer.
                    LOG.info("Client gone during {} {} (request_id={}): its work was cancelled", context.getRequest().getMethodName(),
                            context.getRequest().getPath(), RequestIds.of(context.getRequest()));
                    yield Problems.serviceUnavailable();
                }
                if (outage.isPresent()) {
                    // Not a bug: a dependency did not answer in time. One line, no stack trace, no driver text out.
                    LOG.warn("Dependency unavailable on {} {} (request_id={}): {}", context.getRequest().getMethodName(),
                            context.getRequest().getPath(), RequestIds.of(context.getRequest()), outage.get().toString());
                    yield Problems.serviceUnavailable();
                }
                if (status >= 500) {
                    if (cause != null) {
                        LOG.error("Unhandled error on {} {} (request_id={})", context.getRequest().getMethodName(),
                                context.getRequest().getPath(), RequestIds.of(context.getRequest()), cause);
                    } else {
                        LOG.error("Server error {} on {} {} (request_id={}): {}", status, context.getRequest().getMethodName(),
                                context.getRequest().getPath(), RequestIds.of(context.getRequest()), messages(context));
                    }
                    yield new Problem(500, "server_error", "Internal Server Error",
                            "Something went wrong on our side; quote the request id when reporting it.", Map.of(), Map.of());
                }
                HttpStatus s = HttpStatus.valueOf(status);
                yield Problem.of(s, s.getReason().toLowerCase(Locale.ROOT).replaceAll("[^a-z]+", "_"), s.getReason() + ".");
            }
        };
    }

    /**
     * Netty refuses a request line or header block that is too long before Micronaut sees a request,
     * and Micronaut answers 413 for either: tell them apart by the decoder's failure (414, 431).
     */
    private static Problem tooLarge(ErrorContext context) {
        Throwable decoderFailure = context.getRequest() instanceof NettyHttpRequest<?> netty
                && netty.getNativeRequest().decoderResult().isFailure() ? netty.getNativeRequest().decoderResult().cause() : null;
        if (decoderFailure instanceof TooLongHttpLineException) {
            return Problem.of(HttpStatus.REQUEST_URI_TOO_LONG, "uri_too_long", "The URL exceeds " + InputRules.MAX_URL_LENGTH + " characters.");
        }
        if (decoderFailure instanceof TooLongHttpHeaderException) {
            return Problem.of(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "headers_too_large",
                    "The request headers exceed " + RequestSizeLimit.MAX_HEADER_BLOCK + " bytes.");
        }
        return Problem.of(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "payload_too_large", "The request body exceeds 1 MiB.");
    }

    /**
     * Malformed JSON and content after the root value are 400 {@code invalid_json}; well-formed JSON
     * with a wrong type, a root that is not an object, an out-of-range number or a refused character,
     * and a query or path value of the wrong type, are 422 naming the field.
     */
    private Problem badRequest(ErrorContext context, Throwable cause) {
        if (malformedEscape(rawPath(context)) || find(cause, java.net.URISyntaxException.class).isPresent()
                || (cause instanceof IllegalArgumentException && String.valueOf(cause.getMessage()).contains("escape"))) {
            // A path id that does not even decode (%ZZ) names no resource, like any id of the wrong shape.
            return Problem.of(HttpStatus.NOT_FOUND, "not_found", "No resource at this path.");
        }
        Optional<StrictJson.RefusedValue> refused = find(cause, StrictJson.RefusedValue.class);
        if (refused.isPresent()) {
            return Problem.invalid(fieldPath(refused.get()), refused.get().problem());
        }
        Optional<MismatchedInputException> mismatch = find(cause, MismatchedInputException.class);
        if (mismatch.isPresent() && !mismatch.get().getPath().isEmpty()) {
            return Problem.invalid(fieldPath(mismatch.get()), expected(mismatch.get()));
        }
        Optional<JsonMappingException> mapping = find(cause, JsonMappingException.class);
        if (mapping.isPresent() && !mapping.get().getPath().isEmpty() && find(cause, InputCoercionException.class).isPresent()) {
            return Problem.invalid(fieldPath(mapping.get()), "is out of range");
        }
        if (mismatch.isPresent() && rootNotAnObject(mismatch.get())) {
            return Problem.invalid("body", "must be a JSON object");
        }
        if (find(cause, JsonParseException.class).isPresent() || find(cause, JsonEOFException.class).isPresent()
                || find(cause, JsonSyntaxException.class).isPresent() || find(cause, JsonMappingException.class).isPresent()) {
            return Problem.of(HttpStatus.BAD_REQUEST, "invalid_json", "The body is not valid JSON for this endpoint.");
        }
        Optional<ConversionErrorException> conversion = find(cause, ConversionErrorException.class);
        if (conversion.isPresent()) {
            String name = conversion.get().getArgument().getName();
            return Problem.invalid(name, "has an invalid value");
        }
        for (Error e : context.getErrors()) {
            if (e.getPath().isPresent()) {
                String path = e.getPath().get();
                if (path.equals("body") || path.equals("/body") || path.endsWith(".body") || path.startsWith("request")) {
                    if (context.getRequest().getContentLength() > 0) {
                        // content that parsed to no value: the literal JSON null (blank content fails earlier)
                        return Problem.invalid("body", "must be a JSON object");
                    }
                    return Problem.of(HttpStatus.BAD_REQUEST, "invalid_json", "A JSON body is required.");
                }
                return Problem.invalid(path, "is required or has an invalid value");
            }
        }
        return Problem.of(HttpStatus.BAD_REQUEST, "bad_request", "The request is malformed.");
    }

    /** The path as sent (the request's URI may not even have been built from it). */
    private static String rawPath(ErrorContext context) {
        String target = context.getRequest() instanceof NettyHttpRequest<?> netty ? netty.getNativeRequest().uri()
                : context.getRequest().getPath();
        int query = target.indexOf('?');
        return query < 0 ? target : target.substring(0, query);
    }

    private static boolean malformedEscape(String rawPath) {
        if (rawPath == null) {
            return false;
        }
        for (int i = rawPath.indexOf('%'); i >= 0; i = rawPath.indexOf('%', i + 1)) {
            if (i + 2 >= rawPath.length() || Character.digit(rawPath.charAt(i + 1), 16) < 0
                    || Character.digit(rawPath.charAt(i + 2), 16) < 0) {
                return true;
            }
        }
        return false;
    }

    /** An empty-path mismatch other than trailing content or no content: the root value has the wrong type. */
    private static boolean rootNotAnObject(MismatchedInputException e) {
        String message = String.valueOf(e.getOriginalMessage());
        return !message.startsWith("Trailing token") && !message.startsWith("No content");
    }

    private static String fieldPath(JsonMappingException e) {
        List<String> parts = new ArrayList<>();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                parts.add(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                parts.add(String.valueOf(ref.getIndex()));
            }
        }
        return parts.isEmpty() ? "body" : String.join(".", parts);
    }

    private static String expected(MismatchedInputException e) {
        if (e instanceof com.fasterxml.jackson.databind.exc.InvalidNullException
                || String.valueOf(e.getOriginalMessage()).startsWith("Cannot map `null`")) {
            return "must not be null";
        }
        Class<?> type = e.getTargetType();
        if (type == null) {
            return "has the wrong type";
        }
        if (type == String.class) {
            return "must be a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be a boolean";
        }
        if (type == Integer.class || type == Long.class || type == Short.class || type == int.class || type == long.class
                || type == short.class || type == java.math.BigInteger.class) {
            return "must be an integer";
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "must be a number";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "must be an array";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "must be an object";
        }
        return "has the wrong type";
    }

    private static <X extends Throwable> Optional<X> find(Throwable t, Class<X> type) {
        Map<Throwable, Boolean> seen = new LinkedHashMap<>();
        for (Throwable c = t; c != null && seen.put(c, true) == null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return Optional.of(type.cast(c));
            }
        }
        return Optional.empty();
    }

    private static String messages(ErrorContext context) {
        return String.join("; ", context.getErrors().stream().map(Error::getMessage).toList());
    }
}
