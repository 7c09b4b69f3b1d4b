package dev.gatehouse.http;

import dev.gatehouse.core.ratelimit.RateLimitDecision;
import dev.gatehouse.core.ratelimit.RateLimiter;
import dev.gatehouse.core.shared.Principal;
import dev.gatehouse.core.signup.SignUpSettings;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpHeaders;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Applies the request rate limit to every authenticated {@code /api/v1} request, right after
 * authentication (before idempotency, so replays count too). Every authenticated response, errors
 * included, carries {@code X-RateLimit-Limit}, {@code X-RateLimit-Remaining},
 * {@code X-RateLimit-Reset} (unix seconds) and the IETF {@code RateLimit-Policy} / {@code RateLimit}
 * fields (draft-ietf-httpapi-ratelimit-headers-10 syntax). A refused request is 429
 * {@code rate_limit_exceeded} with {@code Retry-After}. Unauthenticated sign-up and email verification
 * are limited per route and client address ({@link SignUpSettings#RATE_LIMIT}); login is throttled by failures
 * instead; the system principal is never limited.
 */
@ServerFilter({"/api/v1/**", SeedProfile.SEED_000, SeedProfile.SEED_004_PROJECTS, SeedProfile.SEED_004_KEYS, SeedProfile.SEED_003})
final class RateLimitFilter implements Ordered {
    static final String DECISION_ATTRIBUTE = "gatehouse.rate-limit";

    private static final java.util.Set<String> BY_ADDRESS = java.util.Set.of(SignUpController.SIGNUP_PATH, SignUpController.VERIFY_PATH);

    private final RateLimiter limiter;
    private final Clock clock;
    private final Problems problems;
    private final Callers callers;

    RateLimitFilter(RateLimiter limiter, Problems problems, Clock clock, Callers callers) {
        this.limiter = limiter;
        this.clock = clock;
        this.problems = problems;
        this.callers = callers;
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    MutableHttpResponse<?> limit(HttpRequest<?> request) {
        if (!limiter.enabled()) {
            return null;
        }
        Optional<Principal> principal = Callers.principal(request);
        Optional<RateLimitDecision> decision;
        if (principal.isPresent()) {
            decision = limiter.check(principal.get());
        } else if (BY_ADDRESS.contains(request.getPath())) {
            decision = Optional.of(limiter.take(request.getPath() + " " + callers.clientIp(request), SignUpSettings.RATE_LIMIT));
        } else {
            return null;
        }
        if (decision.isEmpty()) {
            return null;
        }
        RateLimitDecision d = decision.get();
        request.setAttribute(DECISION_ATTRIBUTE, d);
        if (d.allowed()) {
            return null;
        }
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("retry_after", d.retryAfterSeconds());
        extensions.put("limit", d.limit());
        extensions.put("remaining", d.remaining());
        extensions.put("reset_at", Instant.ofEpochSecond(resetEpochSecond(d)).toString()); // as X-RateLimit-Reset
        MutableHttpResponse<byte[]> response = problems.response(request, new Problem(429, "rate_limit_exceeded",
                "Too Many Requests", "Rate limit of the " + d.tier().name() + " tier exceeded; retry after "
                + d.retryAfterSeconds() + " s.", Map.of(), extensions));
        headers(response.getHeaders(), d, clock.instant());
        return response;
    }

    @ResponseFilter
    void headers(HttpRequest<?> request, MutableHttpResponse<?> response) {
        request.getAttribute(DECISION_ATTRIBUTE, RateLimitDecision.class)
                .ifPresent(d -> headers(response.getHeaders(), d, clock.instant()));
    }

    static void headers(MutableHttpHeaders h, RateLimitDecision d, Instant now) {
        long reset = d.resetSeconds(now);
        long resetEpoch = resetEpochSecond(d);
        h.set("X-RateLimit-Limit", String.valueOf(d.limit()));
        h.set("X-RateLimit-Remaining", String.valueOf(d.remaining()));
        h.set("X-RateLimit-Reset", String.valueOf(resetEpoch));
        h.set("RateLimit-Policy", "\"" + d.tier().name() + "\";q=" + d.limit() + ";w=" + d.tier().windowSeconds());
        h.set("RateLimit", "\"" + d.tier().name() + "\";r=" + d.remaining() + ";t=" + reset);
        if (!d.allowed()) {
            h.set(HttpHeaders.RETRY_AFTER, String.valueOf(d.retryAfterSeconds()));
        }
    }

    /** When the bucket is full again, in unix seconds rounded up (never earlier than the truth). */
    static long resetEpochSecond(RateLimitDecision d) {
        return d.resetAt().getEpochSecond() + (d.resetAt().getNano() > 0 ? 1 : 0);
    }

    @Override
    public int getOrder() {
        return AuthenticationFilter.ORDER + 50;
    }
}
