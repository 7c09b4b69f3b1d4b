package dev.gatehouse.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.core.idempotency.Idempotency;
import dev.gatehouse.core.idempotency.StoredResponse;
import dev.gatehouse.core.shared.Principal;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.web.router.RouteAttributes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * {@code Idempotency-Key} on POST/PUT/PATCH/DELETE under {@code /api/v1}, scoped to the
 * authenticated principal. The first request runs and its response (status, content type, body
 * bytes) is stored; a repeat with the same method, path, query and body replays it with
 * {@code Idempotent-Replayed: true}; a different request under the key is 422
 * {@code idempotency_key_reused}. A repeat arriving while the first still runs waits for it (an
 * in-JVM signal, plus periodic re-checks for a first request on another instance) up to
 * {@code gatehouse.http.idempotency-wait}, then answers 409 {@code idempotency_key_in_use}.
 *
 * <p>Secrets are shown once, ever (ADR 19): a response field marked {@link ShownOnce} (an API key,
 * a webhook secret, an invitation token) is left out of the stored copy, and the object that held it
 * gets {@code "secret_redacted": true}; so a retry gets the resource it created, marked as replayed,
 * without the secret. As a second line, a stored copy that still looks like it holds a secret
 * ({@link #looksSecret}) is not stored at all: the key is released and the fault logged.
 *
 * <p>Unauthenticated requests (only login) are not idempotent: a login creates nothing and its answer
 * is only a credential. Routes marked {@link NotIdempotent} (the access token exchange) ignore the
 * key for the same reason.
 */
@ServerFilter(value = {"/api/v1/**", SeedProfile.SEED_000, SeedProfile.SEED_004_PROJECTS, SeedProfile.SEED_004_KEYS,
        SeedProfile.SEED_003}, methods = {HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE})
final class IdempotencyFilter implements Ordered {
    static final String REPLAYED_HEADER = "Idempotent-Replayed";
    private static final String STATE_ATTRIBUTE = "gatehouse.idempotency";
    private static final long POLL_MILLIS = 200;
    private static final Logger LOG = LoggerFactory.getLogger(IdempotencyFilter.class);

    /** What the response filter needs to store the first request's answer. */
    private record Claim(String principalId, String key, String fingerprint) {
        String scope() {
            return principalId + '\u0000' + key;
        }
    }

    private final Idempotency idempotency;
    private final Problems problems;
    private final ObjectMapper json;
    private final HttpSettings settings;
    /** Signals for requests waiting on a first request running in this JVM, by principal and key. */
    private final Map<String, CompletableFuture<Void>> finished = new ConcurrentHashMap<>();

    IdempotencyFilter(Idempotency idempotency, Problems problems, ObjectMapper json, HttpSettings settings) {
        this.idempotency = idempotency;
        this.problems = problems;
        this.json = json;
        this.settings = settings;
    }

    static final String REDACTED_MARKER = "secret_redacted";
    /** Shapes of the secrets Gatehouse issues: an API key (not its 12-character display prefix), a webhook secret, a JWT. */
    private static final Pattern SECRET_SHAPES = Pattern.compile(
            "sk_(?:live|test)_[A-Za-z0-9]{20,}|whsec_[A-Za-z0-9+/]{16,}|eyJ[A-Za-z0-9_-]{4,}\\.eyJ[A-Za-z0-9_-]{4,}\\.");

    /** Whether the route ignores Idempotency-Key ({@link NotIdempotent}). */
    static boolean notIdempotent(HttpRequest<?> request) {
        return RouteAttributes.getRouteInfo(request).map(r -> r.isAnnotationPresent(NotIdempotent.class)).orElse(false);
    }

    /** Whether text that is about to be stored looks like it holds a secret Gatehouse issued. */
    static boolean looksSecret(String text) {
        return SECRET_SHAPES.matcher(text).find();
    }

    /*
     * Blocking and synchronous on purpose: the store and a possible wait for a first request are
     * blocking work, and Micronaut treats a null from a synchronous filter as "continue" (a future
     * completing with null later would end the exchange without a response).
     */
    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    HttpResponse<?> before(HttpRequest<?> request, @Nullable @Body byte[] body) {
        String key = request.getHeaders().get(Callers.IDEMPOTENCY_HEADER);
        if (key == null) {
            return null;
        }
        Principal principal = Callers.principal(request).orElse(null);
        if (principal == null || notIdempotent(request)) {
            return null;
        }
        var problem = Idempotency.keyProblem(key);
        if (problem.isPresent()) {
            return problems.response(request, Problem.invalid(Callers.IDEMPOTENCY_HEADER, problem.get()));
        }
        // The body is bound by Micronaut (buffered once, still readable by the controller).
        byte[] bytes = body == null ? new byte[0] : body;
        String fingerprint = Idempotency.fingerprint(request.getMethodName(), pathAndQuery(request), bytes);
        return decide(request, new Claim(principal.id(), key, fingerprint));
    }

    private @Nullable HttpResponse<?> decide(HttpRequest<?> request, Claim claim) {
        Idempotency.Decision decision = idempotency.begin(claim.principalId(), claim.key(), claim.fingerprint());
        if (decision instanceof Idempotency.InProgress) {
            decision = awaitFirst(claim);
        }
        if (decision instanceof Idempotency.Proceed) {
            request.setAttribute(STATE_ATTRIBUTE, claim);
            return null;
        }
        if (decision instanceof Idempotency.Replay replay) {
            return replay(replay.response());
        }
        if (decision instanceof Idempotency.Mismatch) {
            return problems.response(request, new Problem(422, "idempotency_key_reused", "Unprocessable Entity",
                    "This Idempotency-Key was used with a different request (method, path or body).",
                    Map.of(), Map.of()));
        }
        return problems.response(request, new Problem(409, "idempotency_key_in_use", "Conflict",
                "A request with this Idempotency-Key is still being processed; retry later.", Map.of(), Map.of()));
    }

    /**
     * Waits for the first request under the key, re-checking the store each time the in-JVM signal
     * fires or {@value #POLL_MILLIS} ms pass. The signal is registered before each re-check, so a
     * first request that finishes in between is seen by the re-check.
     */
    private Idempotency.Decision awaitFirst(Claim claim) {
        long deadline = System.nanoTime() + settings.idempotencyWait().toNanos();
        while (true) {
            CompletableFuture<Void> signal = finished.computeIfAbsent(claim.scope(), s -> new CompletableFuture<>());
            Idempotency.Decision decision = idempotency.recheck(claim.principalId(), claim.key(), claim.fingerprint());
            long left = deadline - System.nanoTime();
            if (!(decision instanceof Idempotency.InProgress) || left <= 0) {
                finished.remove(claim.scope(), signal);
                return decision;
            }
            try {
                signal.get(Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, POLL_MILLIS), TimeUnit.MILLISECONDS);
            } catch (TimeoutException stillRunning) {
                // re-check below
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Idempotency.InProgress();
            } catch (ExecutionException impossible) {
                throw new CompletionException(impossible.getCause());
            }
        }
    }

    @ResponseFilter
    void after(HttpRequest<?> request, MutableHttpResponse<?> response) {
        Claim claim = request.getAttribute(STATE_ATTRIBUTE, Claim.class).orElse(null);
        if (claim == null) {
            return;
        }
        request.removeAttribute(STATE_ATTRIBUTE, Claim.class);
        try {
            Object value = response.getBody().orElse(null);
            byte[] body = bodyBytes(value);
            byte[] stored = storedBytes(value, body);
            String contentType = response.getContentType().map(MediaType::toString)
                    .orElse(body.length == 0 ? null : MediaType.APPLICATION_JSON);
            if (body.length > 0) {
                // Send exactly the bytes serialized here, so a replay differs from the first answer only by a left-out secret.
                @SuppressWarnings("unchecked")
                MutableHttpResponse<Object> r = (MutableHttpResponse<Object>) response;
                r.body(body);
                r.contentType(contentType);
            }
            if (looksSecret(new String(stored, StandardCharsets.UTF_8))) {
                LOG.error("A response on {} {} holds a secret in a field not marked @ShownOnce; it is not stored and the "
                        + "Idempotency-Key is released", request.getMethodName(), request.getPath());
                idempotency.abandon(claim.principalId(), claim.key(), claim.fingerprint());
                return;
            }
            idempotency.finish(claim.principalId(), claim.key(), claim.fingerprint(),
                    new StoredResponse(response.code(), contentType, stored));
        } catch (RuntimeException e) {
            LOG.warn("Could not store the response for an Idempotency-Key; the key is released", e);
            idempotency.abandon(claim.principalId(), claim.key(), claim.fingerprint());
        } finally {
            CompletableFuture<Void> signal = finished.remove(claim.scope());
            if (signal != null) {
                signal.complete(null);
            }
        }
    }

    private byte[] bodyBytes(Object body) {
        if (body == null) {
            return new byte[0];
        }
        if (body instanceof byte[] bytes) {
            return bytes;
        }
        if (body instanceof CharSequence text) {
            return text.toString().getBytes(StandardCharsets.UTF_8);
        }
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response body is not serializable", e);
        }
    }

    /**
     * The copy to store: the body without its {@link ShownOnce} fields, each object that lost one
     * marked {@code "secret_redacted": true}; the body itself when it has none.
     */
    private byte[] storedBytes(Object body, byte[] wire) {
        if (body == null || body instanceof byte[] || body instanceof CharSequence) {
            return wire;
        }
        try {
            byte[] withoutSecrets = json.writerWithView(ShownOnce.Stored.class).writeValueAsBytes(body);
            if (Arrays.equals(withoutSecrets, wire)) {
                return wire;
            }
            JsonNode full = json.readTree(wire);
            JsonNode kept = json.readTree(withoutSecrets);
            markRedacted(full, kept);
            return json.writeValueAsBytes(kept);
        } catch (IOException e) {
            throw new IllegalStateException("response body is not serializable", e);
        }
    }

    private static void markRedacted(JsonNode full, JsonNode kept) {
        if (full instanceof ObjectNode fullObject && kept instanceof ObjectNode keptObject) {
            boolean redacted = false;
            for (var it = fullObject.fields(); it.hasNext(); ) {
                var field = it.next();
                JsonNode counterpart = keptObject.get(field.getKey());
                if (counterpart == null) {
                    redacted |= !field.getValue().isNull();
                } else {
                    markRedacted(field.getValue(), counterpart);
                }
            }
            if (redacted) {
                keptObject.put(REDACTED_MARKER, true);
            }
        } else if (full instanceof ArrayNode fullArray && kept instanceof ArrayNode keptArray) {
            for (int i = 0; i < Math.min(fullArray.size(), keptArray.size()); i++) {
                markRedacted(fullArray.get(i), keptArray.get(i));
            }
        }
    }

    private static MutableHttpResponse<byte[]> replay(StoredResponse stored) {
        MutableHttpResponse<byte[]> response = HttpResponse.status(HttpStatus.valueOf(stored.status()));
        byte[] body = stored.body();
        if (body.length > 0) {
            response.body(body);
        }
        if (stored.contentType() != null) {
            response.contentType(stored.contentType());
        }
        response.getHeaders().set(REPLAYED_HEADER, "true");
        return response;
    }

    private static String pathAndQuery(HttpRequest<?> request) {
        String query = request.getUri().getRawQuery();
        return request.getUri().getRawPath() + (query == null || query.isEmpty() ? "" : "?" + query);
    }

    @Override
    public int getOrder() {
        return AuthenticationFilter.ORDER + 100;
    }
}
