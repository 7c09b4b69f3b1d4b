package dev.gatehouse.bootstrap;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.postgres.testing.TestPostgres;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database goes away under load, on a PostgreSQL cluster of this class's own: frozen (SIGSTOP of
 * the postmaster and every backend: a hung server) and shut down then restarted (a planned restart).
 * Requests keep coming from several clients the whole time. Every request answers within the
 * configured database timeout plus a margin, with its normal success or 503 {@code service_unavailable}
 * problem+json with {@code Retry-After}; never a 500, never a hang. {@code /readyz} says 503 and names
 * the database without the driver's text. When the database is back, requests succeed again without
 * restarting the server.
 */
class DatabaseOutageTest {
    @RegisterExtension
    static final TestPostgres POSTGRES = TestPostgres.withOwnCluster();

    /** GATEHOUSE_DATABASE_TIMEOUT of the server under test. */
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    /** Every answer must come within this: the timeout plus room for a busy shared test machine. */
    private static final Duration BOUND = TIMEOUT.plusSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CLIENTS = 4;

    private static EmbeddedServer server;
    private static String base;
    private static String session;
    private static String apiKey;
    private static String organization;
    private static String project;
    private static String apiKeyId;
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** One request kind of the mix: what it sends and which status means success. */
    private record Kind(String name, String method, String path, String body, boolean withKey, int success) {
    }

    private record Answer(Kind kind, long startedNanos, long millis, int status, String contentType, String retryAfter,
                          String body, String failure) {
    }

    private static List<Kind> kinds() {
        return List.of(
                new Kind("me (session)", "GET", "/api/v1/me", null, false, 200),
                new Kind("list projects (session)", "GET", "/api/v1/projects?organization_id=" + organization, null, false, 200),
                new Kind("the key itself (API key)", "GET", "/api/v1/api-keys/" + apiKeyId, null, true, 200),
                new Kind("rename organization (session)", "PATCH", "/api/v1/organizations/" + organization,
                        "{\"name\":\"Outage %s\"}", false, 200),
                new Kind("verify key (session)", "POST", "/api/v1/api-keys/verify", "{\"key\":\"%k\"}", false, 200));
    }

    @BeforeAll
    static void start() throws Exception {
        var db = POSTGRES.database();
        ServerConfig config = ServerConfig.fromEnvironment(Map.of(
                "GATEHOUSE_DATABASE_URL", db.jdbcUrl(),
                "GATEHOUSE_DATABASE_USER", db.user(),
                "GATEHOUSE_DATABASE_PASSWORD", db.password(),
                "GATEHOUSE_DATABASE_TIMEOUT", TIMEOUT.toSeconds() + "s"), 0);
        server = GatehouseServer.start(config, Map.of(
                "gatehouse.admin.email", "root@example.com", "gatehouse.admin.password", "a long admin password"));
        base = server.getURL().toString();
        Http http = new Http(base);
        session = http.login("root@example.com", "a long admin password");
        organization = JSON.readTree(http.post("/api/v1/organizations", "{\"name\":\"Outage\"}", session).body()).at("/data/id").asText();
        project = JSON.readTree(http.post("/api/v1/projects", "{\"organization_id\":\"" + organization + "\",\"name\":\"Web\"}",
                session).body()).at("/data/id").asText();
        JsonNode key = JSON.readTree(http.post("/api/v1/projects/" + project + "/api-keys",
                "{\"name\":\"reader\",\"environment\":\"production\",\"scopes\":[\"api-keys:read\"]}",
                session).body());
        apiKey = key.at("/data/key").asText();
        apiKeyId = key.at("/data/id").asText();
        assertThat(apiKey).startsWith("sk_live_");
        for (Kind kind : kinds()) {
            Answer a = send(kind);
            assertThat(a.status()).as(kind.name() + " before any outage: " + a.body()).isEqualTo(kind.success());
        }
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.getApplicationContext().close();
        }
    }

    @AfterEach
    void databaseIsBack() {
        POSTGRES.cluster().resume();
    }

    @Test
    void hungDatabaseAnswers503WithinTheBoundAndRecoversWhenItRunsAgain() throws Exception {
        outage("paused (SIGSTOP)", () -> POSTGRES.cluster().pause(), () -> POSTGRES.cluster().resume());
    }

    @Test
    void restartingDatabaseAnswers503WithinTheBoundAndRecoversWhenItIsBack() throws Exception {
        outage("shut down and restarted", () -> POSTGRES.cluster().shutDown(), () -> POSTGRES.cluster().restart());
    }

    private void outage(String what, Runnable begin, Runnable end) throws Exception {
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(logs);
        try {
            outage(what, begin, end, logs);
        } finally {
            root.detachAppender(logs);
        }
    }

    private void outage(String what, Runnable begin, Runnable end, ListAppender<ILoggingEvent> logs) throws Exception {
        ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
        AtomicBoolean running = new AtomicBoolean(true);
        CountDownLatch done = new CountDownLatch(CLIENTS);
        List<Kind> kinds = kinds();
        for (int i = 0; i < CLIENTS; i++) {
            int first = i;
            Thread t = new Thread(() -> {
                try {
                    for (int n = first; running.get(); n++) {
                        answers.add(send(kinds.get(n % kinds.size())));
                    }
                } finally {
                    done.countDown();
                }
            }, "outage-client-" + i);
            t.setDaemon(true);
            t.start();
        }
        try {
            awaitThat("every client is answered before the outage", Duration.ofSeconds(30),
                    () -> answers.size() >= CLIENTS * 2);
            long outageStart = System.nanoTime();
            begin.run();
            // The outage lasts until each kind of request has been answered several times while it holds
            // (requests caught in flight when it began, and requests sent into it).
            awaitThat(() -> "requests are answered during the outage; answers so far: " + summary(answers), Duration.ofSeconds(60),
                    () -> kinds.stream().allMatch(k -> answers.stream()
                            .filter(a -> a.kind() == k && a.startedNanos() > outageStart).count() >= 2));
            Http http = new Http(base);
            var ready = http.get("/readyz", null);
            assertThat(ready.statusCode()).as("/readyz while the database is " + what + ": " + ready.body()).isEqualTo(503);
            JsonNode readiness = JSON.readTree(ready.body());
            assertThat(readiness.at("/checks/database/status").asText()).isEqualTo("down");
            assertThat(ready.body()).doesNotContainIgnoringCase("exception").doesNotContainIgnoringCase("psql")
                    .doesNotContain("org.postgresql").doesNotContainIgnoringCase("hikari");
            assertThat(http.get("/healthz", null).statusCode()).isEqualTo(200);
            long outageEnd = System.nanoTime();
            end.run();
            // Recovery without a restart of the server: every kind succeeds again.
            AtomicInteger lastStatus = new AtomicInteger();
            for (Kind kind : kinds) {
                awaitThat(kind.name() + " succeeds again after the outage", Duration.ofSeconds(30), () -> {
                    Answer a = send(kind);
                    lastStatus.set(a.status());
                    return a.status() == kind.success();
                });
            }
            awaitThat("/readyz is 200 again", Duration.ofSeconds(30), () -> {
                try {
                    return http.get("/readyz", null).statusCode() == 200;
                } catch (IOException e) {
                    return false;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            });
            running.set(false);
            assertThat(done.await(BOUND.toMillis() * 2, TimeUnit.MILLISECONDS)).as("clients finish").isTrue();

            synchronized (logs) {
                // An outage is not a bug: each failed request is one WARN line, never an error with a stack trace.
                assertThat(logs.list.stream().filter(e -> e.getLevel() == Level.ERROR
                                && (e.getLoggerName().startsWith("io.micronaut.http") || e.getLoggerName().startsWith("dev.gatehouse.http")))
                        .map(e -> e.getLoggerName() + ": " + e.getFormattedMessage()).toList())
                        .as("request errors logged while the database was " + what).isEmpty();
            }
            List<Answer> all = new ArrayList<>(answers);
            List<Answer> during = all.stream().filter(a -> a.startedNanos() >= outageStart && a.startedNanos() < outageEnd).toList();
            assertThat(during).as("requests sent while the database was " + what).isNotEmpty();
            assertThat(during).as("503 answers while the database was " + what)
                    .anyMatch(a -> a.status() == 503);
            for (Answer a : all) {
                String label = a.kind().name() + " (database " + what + ") → " + a.status() + " after " + a.millis() + " ms: "
                        + (a.failure() != null ? a.failure() : a.body());
                assertThat(a.failure()).as(label).isNull();
                assertThat(a.millis()).as("answered within " + BOUND.toMillis() + " ms: " + label).isLessThanOrEqualTo(BOUND.toMillis());
                assertThat(a.status()).as(label).isIn(a.kind().success(), 503);
                if (a.status() == 503) {
                    assertThat(a.contentType()).as(label).startsWith("application/problem+json");
                    JsonNode problem = JSON.readTree(a.body());
                    assertThat(problem.path("error").asText()).as(label).isEqualTo("service_unavailable");
                    assertThat(problem.path("status").asInt()).as(label).isEqualTo(503);
                    assertThat(problem.path("request_id").asText()).as(label).isNotEmpty();
                    assertThat(a.retryAfter()).as("Retry-After on " + label).isNotNull().matches("[1-9][0-9]*");
                    assertThat(a.body()).as(label).doesNotContainIgnoringCase("exception").doesNotContainIgnoringCase("psql")
                            .doesNotContainIgnoringCase("sql");
                }
            }
        } finally {
            running.set(false);
        }
    }

    private static Answer send(Kind kind) {
        String body = kind.body() == null ? null
                : kind.body().replace("%s", UUID.randomUUID().toString().substring(0, 8)).replace("%k", apiKey);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base.replaceAll("/$", "") + kind.path()))
                // far beyond the bound: a request still open by then is a hang, reported as such
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + (kind.withKey() ? apiKey : session))
                .method(kind.method(), body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        long started = System.nanoTime();
        try {
            HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(kind, started, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), r.statusCode(),
                    r.headers().firstValue("Content-Type").orElse(""), r.headers().firstValue("Retry-After").orElse(null),
                    r.body(), null);
        } catch (IOException e) {
            return new Answer(kind, started, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), -1, "", null, "", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(kind, started, 0, -1, "", null, "", "interrupted");
        }
    }

    /** Answers counted by kind and status, with the slowest, for failure messages. */
    private static String summary(java.util.Collection<Answer> answers) {
        Map<String, Long> counts = new java.util.TreeMap<>();
        long slowest = 0;
        for (Answer a : answers) {
            counts.merge(a.kind().name() + " → " + (a.failure() != null ? a.failure() : a.status()), 1L, Long::sum);
            slowest = Math.max(slowest, a.millis());
        }
        return counts + ", slowest " + slowest + " ms";
    }

    private static void awaitThat(String what, Duration within, BooleanSupplier condition) throws InterruptedException {
        awaitThat(() -> what, within, condition);
    }

    /** Polls {@code condition} until it holds or {@code within} passes (then fails naming {@code what}). */
    private static void awaitThat(java.util.function.Supplier<String> what, Duration within, BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + within.toSeconds() + " s: " + what.get());
            }
            TimeUnit.MILLISECONDS.sleep(20); // poll interval, not synchronisation: the condition decides
        }
    }
}
