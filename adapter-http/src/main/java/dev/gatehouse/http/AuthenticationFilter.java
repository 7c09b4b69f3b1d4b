package dev.gatehouse.http;

import dev.gatehouse.core.shared.Principal;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Authenticates {@code /api/v1/**} (except login, sign-up, email verification and the projects' {@code jwks.json}) from {@code Authorization: Bearer <token>} and
 * attaches the {@link Principal} to the request. Missing credentials answer 401 with
 * {@code WWW-Authenticate: Bearer}; a bad, expired or revoked token adds {@code error="invalid_token"}.
 */
@ServerFilter({"/api/v1/**", SeedProfile.SEED_000, SeedProfile.SEED_004_PROJECTS, SeedProfile.SEED_004_KEYS, SeedProfile.SEED_003})
final class AuthenticationFilter implements Ordered {
    static final int ORDER = HIGHEST_PRECEDENCE + 100;
    private static final Set<String> PUBLIC_PATHS = Set.of("/api/v1/auth/login", SignUpController.SIGNUP_PATH,
            SignUpController.VERIFY_PATH);
    /** Reached without credentials too: accepting an invitation for an email without an account creates it. */
    private static final java.util.regex.Pattern ANONYMOUS_ALLOWED = java.util.regex.Pattern.compile("/api/v1/invitations/[^/]+/accept");
    private static final int MAX_TOKEN_LENGTH = 8192;

    private final List<BearerAuthenticator> authenticators;
    private final Problems problems;

    AuthenticationFilter(List<BearerAuthenticator> authenticators, Problems problems) {
        this.authenticators = authenticators;
        this.problems = problems;
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    MutableHttpResponse<?> authenticate(HttpRequest<?> request) {
        if (PUBLIC_PATHS.contains(request.getPath()) || SigningKeyController.JWKS_PATH.matcher(request.getPath()).matches()) {
            return null;
        }
        String header = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if ((header == null || header.isBlank()) && ANONYMOUS_ALLOWED.matcher(request.getPath()).matches()) {
            return null; // the controller decides: a sign-up, or 401
        }
        if (header == null || header.isBlank()) {
            return unauthorized(request, "Bearer", "Send Authorization: Bearer <token>.");
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return unauthorized(request, "Bearer", "Only Bearer authentication is supported.");
        }
        String token = header.substring(7).strip();
        Optional<Principal> principal = Optional.empty();
        if (!token.isEmpty() && token.length() <= MAX_TOKEN_LENGTH) {
            principal = authenticators.stream()
                    .filter(a -> a.accepts(token))
                    .findFirst()
                    .flatMap(a -> a.authenticate(token));
        }
        if (principal.isEmpty()) {
            return unauthorized(request, "Bearer error=\"invalid_token\"", "The token is invalid, expired or revoked.");
        }
        request.setAttribute(Callers.PRINCIPAL_ATTRIBUTE, principal.get());
        return null;
    }

    private MutableHttpResponse<?> unauthorized(HttpRequest<?> request, String challenge, String detail) {
        MutableHttpResponse<byte[]> response = problems.response(request, Problem.of(HttpStatus.UNAUTHORIZED, "unauthorized", detail));
        response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, challenge);
        return response;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
