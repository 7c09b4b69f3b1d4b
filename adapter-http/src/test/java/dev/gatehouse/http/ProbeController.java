package dev.gatehouse.http;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import jakarta.inject.Singleton;
import org.slf4j.MDC;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Test-only routes, present only in test classes that set {@code test.probes=true} (so the OpenAPI
 * coverage test's router does not see them): one that fails unexpectedly, one that reports the MDC
 * of the thread serving it, and one that blocks until the test releases it.
 */
@Controller("/api/v1/probes")
@Requires(property = "test.probes", value = "true")
@ExecuteOn(TaskExecutors.BLOCKING)
class ProbeController {
    static final String SECRET = "SELECT password_hash FROM users -- secret detail";

    /** The probes need authentication only. */
    @Singleton
    @Requires(property = "test.probes", value = "true")
    static class Declared implements RouteAccess.Extension {
        @Override
        public java.util.Optional<RouteAccess.Entry> find(String method, String template) {
            return template.startsWith("/api/v1/probes") ? java.util.Optional.of(new RouteAccess.Entry(method, template, "probe",
                    RouteAccess.Rule.AUTHENTICATED, null, true, "test probe")) : java.util.Optional.empty();
        }
    }

    @Singleton
    @Requires(property = "test.probes", value = "true")
    static class Gate {
        volatile CountDownLatch entered = new CountDownLatch(1);
        volatile CountDownLatch release = new CountDownLatch(1);

        void reset() {
            entered = new CountDownLatch(1);
            release = new CountDownLatch(1);
        }
    }

    private final Gate gate;

    ProbeController(Gate gate) {
        this.gate = gate;
    }

    @Get("/boom")
    String boom() {
        throw new IllegalStateException(SECRET);
    }

    /**
     * Fails the way a store does when the database is away: {@code kind} picks the exception, each
     * wrapped as the data layer wraps it.
     */
    @Get("/outage/{kind}")
    String outage(String kind) {
        java.sql.SQLException cause = switch (kind) {
            case "pool-timeout" -> new java.sql.SQLTransientConnectionException(
                    "HikariPool-1 - Connection is not available, request timed out after 4000ms");
            case "statement-timeout" -> new java.sql.SQLException("ERROR: canceling statement due to statement timeout", "57014");
            case "shutdown" -> new java.sql.SQLException("FATAL: terminating connection due to administrator command", "57P01");
            case "io" -> new java.sql.SQLException("An I/O error occurred while sending to the backend.", "08006",
                    new java.net.SocketTimeoutException("Read timed out"));
            case "unique-violation" -> new java.sql.SQLException("ERROR: duplicate key value " + SECRET, "23505");
            default -> throw new IllegalArgumentException(kind);
        };
        throw new IllegalStateException("SQL failed: " + cause.getMessage(), cause);
    }

    @Get("/mdc")
    Map<String, String> mdc(HttpRequest<?> request) {
        String id = MDC.get(RequestIds.MDC_KEY);
        return Map.of("mdc", id == null ? "" : id, "thread", Thread.currentThread().getName());
    }

    @Post("/slow")
    HttpResponse<Map<String, String>> slow(@Body Map<String, Object> body) throws InterruptedException {
        gate.entered.countDown();
        if (!gate.release.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("test never released the gate");
        }
        return HttpResponse.created(Map.of("done", String.valueOf(body.get("n"))));
    }

    /** A route that forgot to mark its secret {@link ShownOnce}: a fresh key-shaped value each call. */
    @Post("/unmarked-secret")
    HttpResponse<Map<String, String>> unmarkedSecret() {
        return HttpResponse.created(Map.of("token", "sk_live_" + java.util.UUID.randomUUID().toString().replace("-", "")));
    }

    @Post("/echo")
    Map<String, Object> echo(@Body Map<String, Object> body) {
        return body;
    }
}
