package dev.gatehouse.http;

import dev.gatehouse.core.idempotency.Idempotency;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.Origin;
import dev.gatehouse.core.shared.Principal;
import dev.gatehouse.core.shared.Reason;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * Builds the {@link Caller} of a request: the principal the authentication filter attached and the
 * {@link Origin} (client address, user agent, request and correlation ids, idempotency key).
 */
@Singleton
final class Callers {
    static final String PRINCIPAL_ATTRIBUTE = "gatehouse.principal";
    static final String IDEMPOTENCY_HEADER = "Idempotency-Key";
    private static final int MAX_USER_AGENT = 512;

    private final HttpSettings settings;

    Callers(HttpSettings settings) {
        this.settings = settings;
    }

    /** The authenticated caller; a request that reached a protected controller always has one. */
    Caller caller(HttpRequest<?> request) {
        Principal principal = principal(request)
                .orElseThrow(() -> new FailureException(Failure.of(Reason.UNAUTHENTICATED, "Authentication is required.")));
        return new Caller(principal, origin(request));
    }

    /**
     * The caller of an unauthenticated request (login). The core has no anonymous principal, so a
     * named system principal stands in; only the origin of such a caller is used.
     */
    Caller anonymous(HttpRequest<?> request) {
        return new Caller(new Principal.Anonymous(), origin(request));
    }

    static Optional<Principal> principal(HttpRequest<?> request) {
        return request.getAttribute(PRINCIPAL_ATTRIBUTE, Principal.class);
    }

    Origin origin(HttpRequest<?> request) {
        String correlation = request.getHeaders().get(RequestIds.CORRELATION_HEADER);
        String key = request.getHeaders().get(IDEMPOTENCY_HEADER);
        String agent = request.getHeaders().get("User-Agent");
        if (agent != null && agent.length() > MAX_USER_AGENT) {
            agent = agent.substring(0, MAX_USER_AGENT);
        }
        return new Origin(clientIp(request), agent, RequestIds.of(request),
                RequestIds.valid(correlation) ? correlation : null,
                key != null && Idempotency.keyProblem(key).isEmpty() ? key : null);
    }

    /** The peer address; {@code X-Forwarded-For}'s first entry only when configured to trust a proxy. */
    String clientIp(HttpRequest<?> request) {
        if (settings.trustForwardedFor()) {
            String forwarded = request.getHeaders().get("X-Forwarded-For");
            if (forwarded != null && !forwarded.isBlank()) {
                String first = forwarded.split(",")[0].strip();
                if (first.matches("[0-9A-Fa-f:.]{2,45}")) {
                    return first;
                }
            }
        }
        InetSocketAddress remote = request.getRemoteAddress();
        if (remote == null) {
            return null;
        }
        return remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString();
    }
}
