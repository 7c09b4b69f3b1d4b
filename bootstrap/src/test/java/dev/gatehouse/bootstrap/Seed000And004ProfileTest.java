package dev.gatehouse.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.postgres.testing.TestPostgres;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static dev.gatehouse.bootstrap.SeedClient.hasFields;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeds 000 (the portal's {@code /api/projects…}, {@code /api/health}, {@code /api/openapi.json}) and 004
 * ({@code /projects…}, {@code /api-keys/{id}}) walked as their clients would, on the embedded default and
 * on PostgreSQL (ADR 32). 000's product modules are out of scope.
 */
class Seed000And004ProfileTest {
    @RegisterExtension
    static final TestPostgres POSTGRES = new TestPostgres();

    @OnEveryStore
    void walksTheDocuments(String store) throws Exception {
        // webhook endpoints on the loopback interface, as a development deployment allows
        EmbeddedServer server = GatehouseServer.start(TestServers.config(store, POSTGRES)
                        .withWebhooks(new ServerConfig.Webhooks(false, 4, true, "127.0.0.0/8")),
                Map.of("gatehouse.admin.email", "root@example.com", "gatehouse.admin.password", "a long admin password"));
        try {
            SeedClient c = new SeedClient(server.getURL().toString());
            String root = c.login("root@example.com", "a long admin password");
            String owner = c.user(root, "owner@example.com");
            String org = c.expect(201, "POST", "/api/v1/organizations", "{\"name\":\"Cuitty\"}", owner).data().path("id").asText();
            // the bearer token of both documents: an organization key (holding the read scopes a new key gets by default)
            String sk = c.expect(201, "POST", "/api/v1/api-keys", "{\"name\":\"portal\",\"scopes\":[\"projects:read\","
                    + "\"projects:write\",\"projects:delete\",\"api-keys:read\",\"api-keys:write\",\"environments:read\","
                    + "\"signing-keys:read\",\"entitlements:read\",\"organizations:read\",\"webhooks:read\"]}", owner,
                    Map.of("X-Workspace-ID", org)).data().path("key").asText();

            // --- 000 ---
            assertThat(c.expect(200, "GET", "/api/health", null, null).json().path("status").asText()).isEqualTo("ok");
            assertThat(c.expect(200, "GET", "/api/openapi.json", null, null).json().path("openapi").asText()).startsWith("3.1");
            c.error(401, "unauthorized", "GET", "/api/projects", null, null);
            var p0 = c.expect(201, "POST", "/api/projects", "{\"name\":\"Portal\"}", sk);
            String project0 = p0.data().path("id").asText();
            hasFields(p0.data(), "id", "organization_id", "name", "created_at");
            assertThat(p0.data().path("organization_id").asText()).isEqualTo(org);
            c.error(422, "validation_failed", "POST", "/api/projects", "{}", sk);
            assertThat(c.expect(200, "GET", "/api/projects", null, sk).data()).extracting(n -> n.path("id").asText()).contains(project0);
            c.expect(200, "GET", "/api/projects/" + project0, null, sk);
            c.error(404, "not_found", "GET", "/api/projects/prj_nope", null, sk);
            assertThat(c.expect(200, "PATCH", "/api/projects/" + project0, "{\"name\":\"Portal 2\"}", sk).data().path("name").asText())
                    .isEqualTo("Portal 2");
            var k0 = c.expect(201, "POST", "/api/projects/" + project0 + "/keys", "{}", sk);
            assertThat(k0.data().path("key").asText()).as("returns key once").startsWith("sk_live_");
            String kid = k0.data().path("id").asText();
            var keys0 = c.expect(200, "GET", "/api/projects/" + project0 + "/keys", null, sk);
            assertThat(keys0.data()).extracting(n -> n.path("id").asText()).contains(kid);
            for (JsonNode k : keys0.data()) {
                assertThat(k.has("key")).isFalse();
            }
            c.error(404, "not_found", "DELETE", "/api/projects/prj_01h455vb4pex5vsknk084sn02q/keys/" + kid, null, sk);
            assertThat(c.send("DELETE", "/api/projects/" + project0 + "/keys/" + kid, null, sk).status()).isEqualTo(204);
            c.error(401, "unauthorized", "GET", "/api/projects", null, k0.data().path("key").asText());
            assertThat(c.send("DELETE", "/api/projects/" + project0, null, sk).status()).isEqualTo(204);
            c.error(404, "not_found", "GET", "/api/projects/" + project0, null, sk);
            // tenants are organizations: the key reads its own, another is 404
            String other = c.expect(201, "POST", "/api/v1/organizations", "{\"name\":\"Elsewhere\"}", root).data().path("id").asText();
            var tenants = c.expect(200, "GET", "/api/tenants", null, sk);
            assertThat(tenants.data()).extracting(n -> n.path("id").asText()).containsExactly(org);
            hasFields(tenants.data().get(0), "id", "name", "slug", "tier", "created_at");
            hasFields(tenants.json().path("meta"), "current_page", "per_page", "total");
            assertThat(c.expect(200, "GET", "/api/tenants/" + org, null, sk).data().path("name").asText()).isEqualTo("Cuitty");
            c.error(404, "not_found", "GET", "/api/tenants/" + other, null, sk);
            assertThat(c.expect(200, "GET", "/api/tenants", null, root).data()).extracting(n -> n.path("id").asText())
                    .contains(org, other);
            // webhooks: the endpoints of the key's organization (or ?organization_id, X-Workspace-ID), never their secrets
            c.error(401, "unauthorized", "GET", "/api/webhooks", null, null);
            var hook = c.expect(201, "POST", "/api/v1/webhooks", "{\"organization_id\":\"" + org + "\",\"url\":"
                    + "\"http://127.0.0.1:9/hook\",\"events\":[\"project.*\"]}", owner);
            String hookId = hook.data().path("id").asText();
            var hooks = c.expect(200, "GET", "/api/webhooks", null, sk);
            assertThat(hooks.data()).extracting(n -> n.path("id").asText()).containsExactly(hookId);
            assertThat(hooks.body()).doesNotContain("whsec_");
            assertThat(c.expect(200, "GET", "/api/webhooks?organization_id=" + org, null, owner).data()).hasSize(1);
            assertThat(c.expect(200, "GET", "/api/webhooks", null, owner, Map.of("X-Workspace-ID", org)).data()).hasSize(1);
            var oneHook = c.expect(200, "GET", "/api/webhooks/" + hookId, null, sk);
            hasFields(oneHook.data(), "id", "url", "events", "is_active", "created_at");
            assertThat(oneHook.data().has("secret")).isFalse();
            c.error(404, "not_found", "GET", "/api/webhooks/wh_nope", null, sk);
            c.error(404, "not_found", "GET", "/api/webhooks?organization_id=" + other, null, sk);
            c.expect(200, "GET", "/api/webhooks/" + hookId + "/deliveries", null, sk);
            c.error(404, "not_found", "GET", "/api/webhooks/" + hookId, null, c.user(root, "stranger@example.com"));
            // the product modules are not served: 401 without a token, 404 with one
            c.error(401, "unauthorized", "GET", "/api/modules/costs", null, null);
            c.error(404, "not_found", "GET", "/api/modules/costs", null, sk);

            // --- 004 ---
            // POST /projects: creates the project and one key for its environment, the raw key as apiKey, once
            var p4 = c.expect(201, "POST", "/projects", "{\"name\":\"Shop\",\"environment\":\"staging\"}", sk);
            String project4 = p4.data().path("id").asText();
            assertThat(p4.json().path("apiKey").asText()).startsWith("sk_test_");
            assertThat(p4.json().path("environment").asText()).isEqualTo("staging");
            assertThat(p4.json().at("/project/id").asText()).isEqualTo(project4);
            assertThat(p4.json().path("key").has("key")).isFalse();
            var defaulted = c.expect(201, "POST", "/projects", "{\"name\":\"Blog\"}", sk);
            assertThat(defaulted.json().path("environment").asText()).as("defaults to production").isEqualTo("production");
            assertThat(defaulted.json().path("apiKey").asText()).startsWith("sk_live_");
            var badEnv = c.error(422, "validation_failed", "POST", "/projects", "{\"name\":\"X\",\"environment\":\"qa\"}", sk);
            assertThat(badEnv.json().at("/errors/environment")).isNotEmpty();
            c.error(422, "validation_failed", "POST", "/projects", "{\"environment\":\"production\"}", sk);
            // the key issued with the project works
            c.expect(200, "GET", "/projects/" + project4, null, p4.json().path("apiKey").asText());
            assertThat(c.expect(200, "GET", "/projects", null, sk).data()).extracting(n -> n.path("id").asText()).contains(project4);
            c.expect(200, "GET", "/projects/" + project4, null, sk);
            c.error(404, "not_found", "GET", "/projects/prj_nope", null, sk);
            assertThat(c.expect(200, "PATCH", "/projects/" + project4, "{\"name\":\"Shop 2\",\"environment\":\"production\"}", sk)
                    .data().path("name").asText()).isEqualTo("Shop 2");
            c.error(422, "validation_failed", "PATCH", "/projects/" + project4, "{\"environment\":\"qa\"}", sk);
            // POST /projects/:projectId/api-keys: name optional
            var unnamed = c.expect(201, "POST", "/projects/" + project4 + "/api-keys", "{}", sk);
            assertThat(unnamed.data().path("name").asText()).isEqualTo("API key");
            assertThat(unnamed.data().path("key").asText()).startsWith("sk_live_");
            var named = c.expect(201, "POST", "/projects/" + project4 + "/api-keys", "{\"name\":\"CI/CD\"}", sk);
            assertThat(named.data().path("name").asText()).isEqualTo("CI/CD");
            var list4 = c.expect(200, "GET", "/projects/" + project4 + "/api-keys", null, sk);
            assertThat(list4.data()).hasSize(3);
            for (JsonNode k : list4.data()) {
                assertThat(k.has("key")).as("metadata only").isFalse();
            }
            // DELETE /api-keys/:id: requests with the key return 401 at once
            String revoked = named.data().path("key").asText();
            c.expect(200, "GET", "/projects/" + project4, null, revoked);
            assertThat(c.send("DELETE", "/api-keys/" + named.data().path("id").asText(), null, sk).status()).isEqualTo(204);
            c.error(401, "unauthorized", "GET", "/projects/" + project4, null, revoked);
            c.error(404, "not_found", "DELETE", "/api-keys/key_nope", null, sk);
            // DELETE /projects/:id: its keys stop at once
            assertThat(c.send("DELETE", "/projects/" + project4, null, sk).status()).isEqualTo(204);
            c.error(401, "unauthorized", "GET", "/projects", null, p4.json().path("apiKey").asText());
            c.error(404, "not_found", "GET", "/projects/" + project4, null, sk);
            // a key without projects:write: 403 naming it, and no project left behind
            String reader = c.expect(201, "POST", "/api/v1/api-keys", "{\"name\":\"r\",\"scopes\":[\"projects:read\"]}", sk)
                    .data().path("key").asText();
            assertThat(c.error(403, "access_denied", "POST", "/projects", "{\"name\":\"Nope\"}", reader).json()
                    .path("required_scope").asText()).isEqualTo("projects:write");
        } finally {
            server.close();
        }
    }
}
