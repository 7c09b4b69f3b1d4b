package dev.gatehouse.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.core.TestClock;
import dev.gatehouse.postgres.testing.TestPostgres;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An API key's life end to end over HTTP on a freshly started server, on the embedded default and on
 * PostgreSQL, with the server's clock in the test's hand: create → use as bearer → verify → rotate
 * (both keys work) → the grace ends (old key 401, stored as expired by the lifecycle job) → revoke
 * (401 at once); the last use is written behind.
 */
class ApiKeyFlowTest {
    @RegisterExtension
    static final TestPostgres POSTGRES = new TestPostgres();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ServerConfig config(String store) {
        return TestServers.config(store, POSTGRES);
    }

    private static JsonNode expect(HttpResponse<String> r, int status) throws Exception {
        assertThat(r.statusCode()).as(() -> r.request().method() + " " + r.request().uri() + " → " + r.body()).isEqualTo(status);
        return r.body().isEmpty() ? JSON.nullNode() : JSON.readTree(r.body());
    }

    @OnEveryStore
    void createUseVerifyRotateGraceEndRevoke(String store) throws Exception {
        TestClock clock = new TestClock(Instant.now());
        EmbeddedServer server = GatehouseServer.start(config(store),
                Map.of("gatehouse.admin.email", "root@example.com", "gatehouse.admin.password", "a long admin password"), clock);
        try {
            var gatehouse = server.getApplicationContext().getBean(dev.gatehouse.core.Gatehouse.class);
            Http http = new Http(server.getURL().toString());
            String root = http.login("root@example.com", "a long admin password");
            String org = expect(http.post("/api/v1/organizations", "{\"name\":\"Keyed\"}", root), 201).at("/data/id").asText();
            String project = expect(http.post("/api/v1/projects", "{\"organization_id\":\"" + org + "\",\"name\":\"Web\"}", root), 201)
                    .at("/data/id").asText();

            // create: a production key, shown once
            JsonNode created = expect(http.post("/api/v1/projects/" + project + "/api-keys",
                    "{\"name\":\"deploy\",\"environment\":\"production\",\"scopes\":[\"api-keys:read\",\"projects:read\"]}", root), 201);
            String key = created.at("/data/key").asText();
            String keyId = created.at("/data/id").asText();
            assertThat(key).startsWith("sk_live_");

            // use as bearer: the key reads itself (api-keys:read where it is bound); its organization is beyond
            // its environment, so creating a project there is 404, as for any resource a principal cannot see
            JsonNode self = expect(http.get("/api/v1/api-keys/" + keyId, key), 200);
            assertThat(self.at("/data/status").asText()).isEqualTo("active");
            assertThat(self.path("data").has("key")).isFalse();
            // inside its tenant, a scope it lacks is 403 naming the scope (ADR 17)
            assertThat(expect(http.post("/api/v1/projects", "{\"organization_id\":\"" + org + "\",\"name\":\"Nope\"}", key), 403)
                    .at("/required_scope").asText()).isEqualTo("projects:write");

            // verify
            JsonNode verified = expect(http.post("/api/v1/api-keys/verify", "{\"key\":\"" + key + "\"}", root), 200);
            assertThat(verified.at("/data/code").asText()).isEqualTo("VALID");
            assertThat(verified.at("/data/environment_id").asText()).startsWith("env_");
            assertThat(verified.at("/data/project_id").asText()).isEqualTo(project);

            // last use: noted per request, written behind in one batch
            assertThat(gatehouse.stores().keys().apiKeys().byId(dev.gatehouse.core.shared.ApiKeyId.parse(keyId).orElseThrow())
                    .orElseThrow().lastUsedAt()).isNull();
            assertThat(expect(http.get("/api/v1/api-keys/" + keyId, root), 200).at("/data/last_used_at").asText()).isNotEmpty();
            gatehouse.keys().apiKeyLastUsed().flush();
            assertThat(gatehouse.stores().keys().apiKeys().byId(dev.gatehouse.core.shared.ApiKeyId.parse(keyId).orElseThrow())
                    .orElseThrow().lastUsedAt()).isNotNull();

            // rotate with a one-hour grace: both keys work
            JsonNode rotated = expect(http.post("/api/v1/api-keys/" + keyId + "/rotate", "{\"grace_period_hours\":1}", root), 200);
            String fresh = rotated.at("/data/key").asText();
            String freshId = rotated.at("/data/id").asText();
            assertThat(fresh).startsWith("sk_live_").isNotEqualTo(key);
            assertThat(rotated.at("/data/scopes").toString()).isEqualTo("[\"api-keys:read\",\"projects:read\"]");
            assertThat(rotated.at("/data/environment_id").asText()).isEqualTo(verified.at("/data/environment_id").asText());
            expect(http.get("/api/v1/api-keys/" + keyId, key), 200);
            expect(http.get("/api/v1/api-keys/" + freshId, fresh), 200);
            assertThat(expect(http.post("/api/v1/api-keys/verify", "{\"key\":\"" + key + "\"}", root), 200)
                    .at("/data/code").asText()).isEqualTo("VALID");

            // the grace ends: the old key is refused, the job stores it as expired, the new one works
            clock.advance(Duration.ofHours(1));
            root = http.login("root@example.com", "a long admin password");
            expect(http.get("/api/v1/api-keys/" + keyId, key), 401);
            assertThat(expect(http.post("/api/v1/api-keys/verify", "{\"key\":\"" + key + "\"}", root), 200)
                    .at("/data/code").asText()).isEqualTo("EXPIRED");
            assertThat(gatehouse.keys().apiKeyLifecycle().handle(100).expired()).isEqualTo(1);
            assertThat(expect(http.get("/api/v1/api-keys/" + keyId, root), 200).at("/data/status").asText()).isEqualTo("expired");
            expect(http.get("/api/v1/api-keys/" + freshId, fresh), 200);

            // revoke: 401 at once
            expect(http.send("DELETE", "/api/v1/api-keys/" + freshId, null, root), 204);
            expect(http.get("/api/v1/api-keys/" + freshId, fresh), 401);
            assertThat(expect(http.post("/api/v1/api-keys/verify", "{\"key\":\"" + fresh + "\"}", root), 200)
                    .at("/data/code").asText()).isEqualTo("REVOKED");
        } finally {
            server.getApplicationContext().close();
        }
    }

    @OnEveryStore
    void concurrentRotationsOfOneKeyLeaveOneSuccessor(String store) throws Exception {
        EmbeddedServer server = GatehouseServer.start(config(store),
                Map.of("gatehouse.admin.email", "root@example.com", "gatehouse.admin.password", "a long admin password"));
        try {
            Http http = new Http(server.getURL().toString());
            String root = http.login("root@example.com", "a long admin password");
            String org = expect(http.post("/api/v1/organizations", "{\"name\":\"Racy\"}", root), 201).at("/data/id").asText();
            String keyId = expect(http.post("/api/v1/api-keys", "{\"organization_id\":\"" + org + "\",\"name\":\"k\"}", root), 201)
                    .at("/data/id").asText();
            int racers = 8;
            var start = new java.util.concurrent.CountDownLatch(1);
            var pool = java.util.concurrent.Executors.newFixedThreadPool(racers);
            java.util.List<java.util.concurrent.Future<Integer>> statuses = new java.util.ArrayList<>();
            try {
                for (int i = 0; i < racers; i++) {
                    statuses.add(pool.submit(() -> {
                        start.await();
                        return http.post("/api/v1/api-keys/" + keyId + "/rotate", "{}", root).statusCode();
                    }));
                }
                start.countDown();
                java.util.List<Integer> seen = new java.util.ArrayList<>();
                for (var f : statuses) {
                    seen.add(f.get());
                }
                assertThat(seen).containsOnly(200, 409).filteredOn(st -> st == 200).hasSize(1);
            } finally {
                pool.shutdownNow();
            }
            JsonNode keys = expect(http.get("/api/v1/api-keys?organization_id=" + org, root), 200);
            assertThat(keys.at("/meta/total").asInt()).as("the old key and one successor").isEqualTo(2);
        } finally {
            server.getApplicationContext().close();
        }
    }
}
