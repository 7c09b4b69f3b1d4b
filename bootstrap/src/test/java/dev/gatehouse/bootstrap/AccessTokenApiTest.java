package dev.gatehouse.bootstrap;

import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The token exchange's and signing keys' refusals over HTTP, in the problem format. */
class AccessTokenApiTest {
    private static EmbeddedServer server;
    private static Http http;
    private static String root;
    private static String orgId;
    private static String projectId;
    private static String projectKey;

    @BeforeAll
    static void start() throws Exception {
        server = GatehouseServer.start(new ServerConfig(Optional.empty(), 0),
                Map.of("gatehouse.admin.email", "root@example.com", "gatehouse.admin.password", "a long admin password"));
        http = new Http(server.getURL().toString());
        root = http.login("root@example.com", "a long admin password");
        orgId = Http.field(http.post("/api/v1/organizations", "{\"name\":\"Acme\"}", root).body(), "id");
        projectId = Http.field(http.post("/api/v1/projects", "{\"organization_id\":\"" + orgId + "\",\"name\":\"Web\"}", root).body(), "id");
        projectKey = Http.field(http.post("/api/v1/projects/" + projectId + "/api-keys",
                "{\"name\":\"svc\",\"environment\":\"development\"}", root).body(), "key");
    }

    @AfterAll
    static void stop() {
        server.getApplicationContext().close();
    }

    private static void problem(HttpResponse<String> r, int status, String code) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(r.body()).contains("\"error\":\"" + code + "\"").contains("\"request_id\"");
    }

    @Test
    void refusesLifetimesOutOfRangeNamingTheField() throws Exception {
        for (String body : List.of("{\"expires_in\":59}", "{\"expires_in\":3601}", "{\"expires_in\":-1}")) {
            var r = http.post("/api/v1/auth/token", body, projectKey);
            problem(r, 422, "validation_failed");
            assertThat(r.body()).contains("expires_in");
        }
        var wrongType = http.post("/api/v1/auth/token", "{\"expires_in\":\"soon\"}", projectKey);
        assertThat(wrongType.statusCode()).as(wrongType.body()).isIn(400, 422);
        assertThat(wrongType.body()).contains("expires_in");
        var junk = http.post("/api/v1/auth/token", "{not json", projectKey);
        assertThat(junk.statusCode()).as(junk.body()).isEqualTo(400);
        assertThat(http.post("/api/v1/auth/token", "{}", projectKey).statusCode()).isEqualTo(201);
        assertThat(http.post("/api/v1/auth/token", "{\"expires_in\":3600}", projectKey).statusCode()).isEqualTo(201);
    }

    @Test
    void refusesOrganizationKeysUsersAndAnonymousCallers() throws Exception {
        String orgKey = Http.field(http.post("/api/v1/api-keys", "{\"organization_id\":\"" + orgId + "\",\"name\":\"backend\"}", root)
                .body(), "key");
        var r = http.post("/api/v1/auth/token", "{}", orgKey);
        problem(r, 422, "validation_failed");
        assertThat(r.body()).contains("organization-wide").contains("api_key");
        problem(http.post("/api/v1/auth/token", "{}", root), 403, "access_denied");
        problem(http.post("/api/v1/auth/token", "{}", null), 401, "unauthorized");
        problem(http.post("/api/v1/auth/token", "{}", "sk_live_notarealkey"), 401, "unauthorized");
    }

    @Test
    void theTokenIsNotStoredForIdempotentReplay() throws Exception {
        var first = http.post("/api/v1/auth/token", "{}", projectKey, "same-key-1");
        var second = http.post("/api/v1/auth/token", "{}", projectKey, "same-key-1");
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(second.statusCode()).isEqualTo(201);
        assertThat(second.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(Http.field(first.body(), "access_token")).isNotEqualTo(Http.field(second.body(), "access_token"));
    }

    @Test
    void theJwksOfAnUnknownMalformedOrDeletedProjectIsANotFoundProblem() throws Exception {
        problem(http.get("/api/v1/projects/prj_01jq0000000000000000000000/jwks.json", null), 404, "not_found");
        problem(http.get("/api/v1/projects/nonsense/jwks.json", null), 404, "not_found");
        String doomed = Http.field(http.post("/api/v1/projects", "{\"organization_id\":\"" + orgId + "\",\"name\":\"Doomed\"}", root)
                .body(), "id");
        assertThat(http.get("/api/v1/projects/" + doomed + "/jwks.json", null).statusCode()).isEqualTo(200);
        assertThat(http.send("DELETE", "/api/v1/projects/" + doomed, null, root).statusCode()).isEqualTo(204);
        problem(http.get("/api/v1/projects/" + doomed + "/jwks.json", null), 404, "not_found");
        problem(http.get("/api/v1/projects/" + doomed + "/signing-keys", root), 404, "not_found");
    }

    @Test
    void rotationValidatesTheAlgorithmAndConcurrentFirstUsesMakeOneKey() throws Exception {
        String fresh = Http.field(http.post("/api/v1/projects", "{\"organization_id\":\"" + orgId + "\",\"name\":\"Fresh\"}", root)
                .body(), "id");
        var bad = http.post("/api/v1/projects/" + fresh + "/signing-keys/rotate", "{\"algorithm\":\"HS256\"}", root);
        problem(bad, 422, "validation_failed");
        assertThat(bad.body()).contains("algorithm");
        int n = 8;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<HttpResponse<String>>> futures = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return http.get("/api/v1/projects/" + fresh + "/jwks.json", null);
                }));
            }
            go.countDown();
            for (var f : futures) {
                assertThat(f.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        var listed = http.get("/api/v1/projects/" + fresh + "/signing-keys", root).body();
        assertThat(Pattern.compile("\"status\":\"active\"").matcher(listed).results().count()).as(listed).isEqualTo(1);
        assertThat(Pattern.compile("\"id\":\"sgk_").matcher(listed).results().count()).as(listed).isEqualTo(1);
    }
}
