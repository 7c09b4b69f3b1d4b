package dev.gatehouse.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.postgres.testing.TestPostgres;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Input that PostgreSQL cannot store (NUL) or that overflows is refused with the same 422 naming the
 * field on both stores (PostgreSQL answered 500 before; memory stored it), and text that both can
 * store round-trips unchanged.
 */
class StrictInputTest {
    @RegisterExtension
    static final TestPostgres POSTGRES = new TestPostgres();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode expect(HttpResponse<String> r, int status) throws Exception {
        assertThat(r.statusCode()).as(() -> r.request().method() + " " + r.request().uri() + " → " + r.body()).isEqualTo(status);
        return r.body().isEmpty() ? JSON.nullNode() : JSON.readTree(r.body());
    }

    private static void refused(HttpResponse<String> r, String field) throws Exception {
        JsonNode problem = expect(r, 422);
        assertThat(problem.path("error").asText()).isEqualTo("validation_failed");
        assertThat(problem.path("errors").has(field)).as(r.body()).isTrue();
    }

    @OnEveryStore
    void bothStoresRefuseTheSameInput(String store) throws Exception {
        EmbeddedServer server = GatehouseServer.start(TestServers.config(store, POSTGRES),
                Map.of("gatehouse.admin.email", "root@example.com", "gatehouse.admin.password", "a long admin password"));
        try {
            Http http = new Http(server.getURL().toString());
            String root = http.login("root@example.com", "a long admin password");
            String org = expect(http.post("/api/v1/organizations", "{\"name\":\"Strict\"}", root), 201).at("/data/id").asText();

            refused(http.post("/api/v1/organizations", "{\"name\":\"nul\\u0000name\"}", root), "name");
            refused(http.post("/api/v1/projects", "{\"organization_id\":\"" + org + "\",\"name\":\"P\",\"description\":\"d\\u0000\"}",
                    root), "description");
            refused(http.send("PATCH", "/api/v1/organizations/" + org, "{\"name\":\"line\\r\\nbreak\"}", root), "name");
            refused(http.post("/api/v1/users", "{\"email\":\"nul\\u0000@example.com\",\"password\":\"long enough password\"}", root),
                    "email");
            refused(http.get("/api/v1/organizations?search=%00", root), "search");
            refused(http.get("/api/v1/users?search=x%00y", root), "search");
            refused(http.get("/api/v1/audit-events?action=%00", root), "action");
            refused(http.post("/api/v1/entitlements/usage", "{\"feature\":\"api_calls\",\"organization_id\":\"" + org
                    + "\",\"metadata\":{\"note\":\"\\u0000\"}}", root), "metadata.note");
            refused(http.post("/api/v1/entitlements/usage", "{\"feature\":\"api_calls\",\"organization_id\":\"" + org
                    + "\",\"quantity\":1e400}", root), "quantity");

            // What both stores can hold comes back unchanged.
            String text = "Zoë – 名前 😀";
            String id = expect(http.post("/api/v1/organizations", "{\"name\":\"" + text + "\"}", root), 201).at("/data/id").asText();
            assertThat(expect(http.get("/api/v1/organizations/" + id, root), 200).at("/data/name").asText()).isEqualTo(text);
            JsonNode project = expect(http.post("/api/v1/projects", "{\"organization_id\":\"" + org
                    + "\",\"name\":\"Lines\",\"description\":\"one\\ntwo\"}", root), 201);
            assertThat(project.at("/data/description").asText()).isEqualTo("one\ntwo");
        } finally {
            server.getApplicationContext().close();
        }
    }
}
