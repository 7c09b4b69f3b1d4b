package dev.gatehouse.http;

import dev.gatehouse.core.shared.ReadinessCheck;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest
@Property(name = "test.readiness", value = "true")
class OperationsTest {

    /** A dependency the test switches between up, down, throwing and hanging. */
    @Singleton
    @Requires(property = "test.readiness", value = "true")
    static class FakeDatabase implements ReadinessCheck {
        enum Mode { UP, DOWN, THROWS, HANGS }

        volatile Mode mode = Mode.UP;
        final CountDownLatch unblock = new CountDownLatch(1);

        @Override
        public String name() {
            return "database";
        }

        @Override
        public Status check() {
            return switch (mode) {
                case UP -> Status.up("answered in 1 ms");
                case DOWN -> Status.down("connection refused");
                case THROWS -> throw new IllegalStateException("driver bug");
                case HANGS -> {
                    try {
                        unblock.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    yield Status.up("late");
                }
            };
        }
    }

    @Singleton
    @Requires(property = "test.readiness", value = "true")
    static class FakeAuthorization implements ReadinessCheck {
        @Override
        public String name() {
            return "authorization";
        }

        @Override
        public Status check() {
            return Status.up("local evaluator");
        }
    }

    @Inject
    EmbeddedServer server;
    @Inject
    FakeDatabase database;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(server.getURL());
        database.mode = FakeDatabase.Mode.UP;
    }

    @AfterEach
    void release() {
        database.mode = FakeDatabase.Mode.UP;
    }

    @Nested
    class Liveness {
        @Test
        void healthzIsAlwaysOkEvenWhenADependencyIsDown() {
            database.mode = FakeDatabase.Mode.DOWN;
            var r = api.get("/healthz");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().path("status").asText()).isEqualTo("ok");
            assertThat(api.get("/health/live").json().path("status").asText()).isEqualTo("ok");
        }
    }

    @Nested
    class Readiness {
        @Test
        void readyzReportsEveryCheckWhenAllAreUp() {
            var r = api.get("/readyz");
            assertThat(r.status()).isEqualTo(200);
            var json = r.json();
            assertThat(json.path("status").asText()).isEqualTo("ok");
            assertThat(json.at("/checks/database/status").asText()).isEqualTo("up");
            assertThat(json.at("/checks/database/detail").asText()).isEqualTo("answered in 1 ms");
            assertThat(json.at("/checks/authorization/status").asText()).isEqualTo("up");
        }

        @Test
        void readyzIs503NamingTheFailingCheck() {
            database.mode = FakeDatabase.Mode.DOWN;
            var r = api.get("/readyz");
            assertThat(r.status()).isEqualTo(503);
            assertThat(r.json().path("status").asText()).isEqualTo("unavailable");
            assertThat(r.json().at("/checks/database/status").asText()).isEqualTo("down");
            assertThat(r.json().at("/checks/database/detail").asText()).isEqualTo("connection refused");
            assertThat(r.json().at("/checks/authorization/status").asText()).isEqualTo("up");
        }

        @Test
        void aThrowingCheckCountsAsDown() {
            database.mode = FakeDatabase.Mode.THROWS;
            var r = api.get("/health/ready");
            assertThat(r.status()).isEqualTo(503);
            assertThat(r.json().at("/checks/database/status").asText()).isEqualTo("down");
            assertThat(r.body()).doesNotContain("driver bug");
        }

        @Test
        void aHangingCheckTimesOutAsDown() {
            database.mode = FakeDatabase.Mode.HANGS;
            long start = System.nanoTime();
            var r = api.get("/readyz");
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            database.mode = FakeDatabase.Mode.UP;
            database.unblock.countDown();
            assertThat(r.status()).isEqualTo(503);
            assertThat(r.json().at("/checks/database/detail").asText()).contains("no answer within 500 ms");
            assertThat(millis).isLessThan(5_000);
        }

        @Test
        void apiHealthIsOkOnlyWhenEveryDependencyIsUp() {
            assertThat(api.get("/api/health").status()).isEqualTo(200);
            assertThat(api.get("/api/health").json().path("status").asText()).isEqualTo("ok");
            database.mode = FakeDatabase.Mode.DOWN;
            assertThat(api.get("/api/health").status()).isEqualTo(503);
            assertThat(api.get("/health").status()).isEqualTo(503);
        }
    }

    @Nested
    class Metrics {
        @Test
        void metricsArePrometheusTextIncludingHttpServerRequests() {
            api.get("/healthz");
            var r = api.get("/metrics");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.contentType()).startsWith("text/plain").contains("version=0.0.4");
            assertThat(r.body()).contains("# TYPE").contains("http_server_requests");
            assertThat(r.body().lines().filter(l -> l.startsWith("http_server_requests") && l.contains("uri=\"/healthz\"")))
                    .isNotEmpty();
        }
    }
}
