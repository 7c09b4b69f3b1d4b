package dev.gatehouse.http;

import io.micronaut.http.HttpRequest;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/** Request and correlation ids: the header names, the accepted shape and the request attribute. */
final class RequestIds {
    static final String HEADER = "X-Request-ID";
    static final String CORRELATION_HEADER = "X-Correlation-ID";
    static final String ATTRIBUTE = "gatehouse.request_id";
    static final String MDC_KEY = "request_id";
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    private RequestIds() {
    }

    static boolean valid(String id) {
        return id != null && SHAPE.matcher(id).matches();
    }

    /**
     * A fresh id shaped as a random (version 4) UUID. Not a secret, so drawn from {@link ThreadLocalRandom}:
     * {@code UUID.randomUUID()} takes the JDK's process-wide {@code NativePRNG} lock, here on the event
     * loop for every request (ADR 38).
     */
    static String generate() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xf000L) | 0x4000L;
        long low = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return "req-" + new UUID(high, low);
    }

    /** The id the request id filter assigned; never null (a request that skipped the filter gets a fresh one). */
    static String of(HttpRequest<?> request) {
        return request.getAttribute(ATTRIBUTE, String.class).orElseGet(() -> {
            String id = generate();
            request.setAttribute(ATTRIBUTE, id);
            return id;
        });
    }
}
