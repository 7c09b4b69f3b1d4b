package dev.gatehouse.http;

import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest
@Property(name = "test.probes", value = "true")
@Property(name = "gatehouse.http.idempotency-wait", value = "300ms")
class IdempotencyTest {
    @Inject
    EmbeddedServer server;
    @Inject
    ProbeController.Gate gate;

    Api api;
    String admin;

    @BeforeEach
    void setUp() {
        api = new Api(server.getURL());
        admin = api.adminToken();
    }

    private HttpRequest post(String path, String body, String key) {
        return api.request(path).header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    @Test
    void twentyConcurrentIdenticalCreatesMakeExactlyOneUser() throws Exception {
        String body = "{\"email\":\"once@example.com\",\"password\":\"long-enough-pw\",\"name\":\"Once\"}";
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Api.Response>> calls = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                calls.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return api.send(post("/api/v1/users", body, "create-once-1"));
                }, pool));
            }
            start.countDown();
            List<Api.Response> responses = calls.stream().map(CompletableFuture::join).toList();

            assertThat(responses).allSatisfy(r -> assertThat(r.status()).as(r.body()).isEqualTo(201));
            assertThat(responses.stream().filter(r -> r.header("Idempotent-Replayed") == null)).hasSize(1);
            assertThat(responses.stream().filter(r -> "true".equals(r.header("Idempotent-Replayed")))).hasSize(19);
            assertThat(responses.stream().map(Api.Response::body).distinct()).hasSize(1);
            var list = api.get("/api/v1/users?search=once@example.com", admin).json();
            assertThat(list.at("/meta/total").asInt()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void replayCarriesTheHeaderAndTheStoredBody() {
        String body = "{\"email\":\"replayed@example.com\",\"password\":\"long-enough-pw\"}";
        var first = api.send(post("/api/v1/users", body, "replay-1"));
        var second = api.send(post("/api/v1/users", body, "replay-1"));
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.contentType()).startsWith("application/json");
        assertThat(second.header("X-Request-ID")).isNotBlank();
    }

    @Test
    void failuresAreReplayedToo() {
        String body = "{\"email\":\"bad\",\"password\":\"long-enough-pw\"}";
        var first = api.send(post("/api/v1/users", body, "failed-1"));
        var second = api.send(post("/api/v1/users", body, "failed-1"));
        assertThat(first.status()).isEqualTo(422);
        assertThat(second.status()).isEqualTo(422);
        assertThat(second.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(second.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aDifferentBodyUnderTheSameKeyIs422Reused() {
        api.send(post("/api/v1/users", "{\"email\":\"first@example.com\",\"password\":\"long-enough-pw\"}", "reuse-1"));
        var r = api.send(post("/api/v1/users", "{\"email\":\"second@example.com\",\"password\":\"long-enough-pw\"}", "reuse-1"));
        ErrorResponsesTest.assertProblem(r, 422, "idempotency_key_reused");
        assertThat(api.get("/api/v1/users?search=second@example.com", admin).json().at("/meta/total").asInt()).isZero();
    }

    @Test
    void keysAreScopedToThePrincipal() {
        String other = api.userToken(TestSupport.gatehouse(server), "other-admin@example.com", true);
        api.send(post("/api/v1/users", "{\"email\":\"scoped1@example.com\",\"password\":\"long-enough-pw\"}", "shared-key"));
        var r = api.send(api.request("/api/v1/users").header("Authorization", "Bearer " + other)
                .header("Content-Type", "application/json").header("Idempotency-Key", "shared-key")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"scoped2@example.com\",\"password\":\"long-enough-pw\"}")).build());
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.header("Idempotent-Replayed")).isNull();
    }

    @Test
    void aSecretInAnUnmarkedFieldIsNeverStoredSoTheRetryRunsAgain() {
        var first = api.send(post("/api/v1/probes/unmarked-secret", "{}", "unmarked-1"));
        var second = api.send(post("/api/v1/probes/unmarked-secret", "{}", "unmarked-1"));
        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.header("Idempotent-Replayed")).isNull();
        assertThat(second.body()).isNotEqualTo(first.body());
        assertThat(TestSupport.gatehouse(server).stores().platform().idempotencyRecords()
                .find(api.get("/api/v1/me", admin).json().at("/data/id").asText(), "unmarked-1")).isEmpty();
    }

    @Test
    void recognisesTheShapesOfIssuedSecrets() {
        assertThat(IdempotencyFilter.looksSecret("{\"prefix\":\"sk_live_a1B2\"}")).as("a display prefix is no secret").isFalse();
        assertThat(IdempotencyFilter.looksSecret("{\"key\":\"sk_test_" + "a".repeat(46) + "\"}")).isTrue();
        assertThat(IdempotencyFilter.looksSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")).isTrue();
        assertThat(IdempotencyFilter.looksSecret("eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJ4In0.sig")).isTrue();
    }

    @Test
    void aBadKeyIs422NamingTheHeader() {
        var r = api.send(post("/api/v1/users", "{}", "x".repeat(256)));
        ErrorResponsesTest.assertProblem(r, 422, "validation_failed");
        assertThat(r.json().path("errors").has("Idempotency-Key")).isTrue();
    }

    @Test
    void aRepeatWhileTheFirstStillRunsIs409AfterTheBoundedWaitThenReplays() throws Exception {
        gate.reset();
        var first = api.sendAsync(post("/api/v1/probes/slow", "{\"n\":1}", "slow-1"));
        assertThat(gate.entered.await(10, TimeUnit.SECONDS)).isTrue();

        var concurrent = api.send(post("/api/v1/probes/slow", "{\"n\":1}", "slow-1"));
        ErrorResponsesTest.assertProblem(concurrent, 409, "idempotency_key_in_use");

        gate.release.countDown();
        var firstResponse = first.get(10, TimeUnit.SECONDS);
        assertThat(firstResponse.status()).isEqualTo(201);
        var after = api.send(post("/api/v1/probes/slow", "{\"n\":1}", "slow-1"));
        assertThat(after.status()).isEqualTo(201);
        assertThat(after.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(after.body()).isEqualTo(firstResponse.body());
    }

    @Test
    void aRepeatArrivingWhileTheFirstRunsWaitsAndReplaysWhenItFinishesInTime() throws Exception {
        gate.reset();
        var first = api.sendAsync(post("/api/v1/probes/slow", "{\"n\":2}", "slow-2"));
        assertThat(gate.entered.await(10, TimeUnit.SECONDS)).isTrue();
        var second = api.sendAsync(post("/api/v1/probes/slow", "{\"n\":2}", "slow-2"));
        gate.release.countDown();
        var secondResponse = second.get(10, TimeUnit.SECONDS);
        var firstResponse = first.get(10, TimeUnit.SECONDS);
        // The second either waited and replayed, or (on a slow machine) hit the 300 ms bound: never a second run.
        assertThat(secondResponse.status()).isIn(201, 409);
        if (secondResponse.status() == 201) {
            assertThat(secondResponse.header("Idempotent-Replayed")).isEqualTo("true");
            assertThat(secondResponse.body()).isEqualTo(firstResponse.body());
        }
    }

    @Test
    void requestsWithoutAKeyAreNotDeduplicated() {
        var a = api.postJson("/api/v1/probes/echo", "{\"n\":3}", admin);
        var b = api.postJson("/api/v1/probes/echo", "{\"n\":3}", admin);
        assertThat(a.header("Idempotent-Replayed")).isNull();
        assertThat(b.header("Idempotent-Replayed")).isNull();
    }
}
