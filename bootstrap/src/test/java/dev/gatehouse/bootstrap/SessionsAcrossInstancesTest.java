package dev.gatehouse.bootstrap;

import dev.gatehouse.postgres.testing.TestPostgres;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two servers on one PostgreSQL database: logout, a revoked session and a deactivated user are
 * refused by the other instance on its very next request (every request checks the stored session).
 */
class SessionsAcrossInstancesTest {
    @RegisterExtension
    static final TestPostgres POSTGRES = new TestPostgres();

    private static final Map<String, Object> ADMIN = Map.of(
            "gatehouse.admin.email", "root@example.com", "gatehouse.admin.password", "a long admin password");

    private static void expect(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(() -> r.request().method() + " " + r.request().uri() + " → " + r.body()).isEqualTo(status);
    }

    @Test
    void logoutRevocationAndDeactivationTakeEffectAtOnceOnTheOtherInstance() throws Exception {
        var config = TestServers.config("postgres", POSTGRES);
        EmbeddedServer a = GatehouseServer.start(config, ADMIN);
        try {
            EmbeddedServer b = GatehouseServer.start(config, ADMIN);
            try {
                Http onA = new Http(a.getURL().toString());
                Http onB = new Http(b.getURL().toString());
                String root = onA.login("root@example.com", "a long admin password");
                var created = onA.post("/api/v1/users", "{\"email\":\"ada@example.com\",\"password\":\"ada's long password\","
                        + "\"name\":\"Ada\"}", root);
                expect(created, 201);
                String ada = Http.field(created.body(), "id");

                String first = onA.login("ada@example.com", "ada's long password");
                expect(onB.get("/api/v1/me", first), 200);
                expect(onA.post("/api/v1/auth/logout", "{}", first), 204);
                expect(onB.get("/api/v1/me", first), 401);

                String second = onB.login("ada@example.com", "ada's long password");
                expect(onA.get("/api/v1/me", second), 200);
                var sessions = onA.get("/api/v1/users/" + ada + "/sessions", second);
                expect(sessions, 200);
                String sid = Http.field(sessions.body(), "id");
                assertThat(sessions.body()).contains("\"revoked_reason\":\"logout\"");
                expect(onB.send("DELETE", "/api/v1/users/" + ada + "/sessions/" + sid, null, root), 204);
                expect(onA.get("/api/v1/me", second), 401);

                String third = onA.login("ada@example.com", "ada's long password");
                expect(onB.get("/api/v1/me", third), 200);
                expect(onB.send("DELETE", "/api/v1/users/" + ada, null, root), 204);
                expect(onA.get("/api/v1/me", third), 401);
                var after = onA.get("/api/v1/users/" + ada, root);
                expect(after, 200);
                assertThat(after.body()).contains("\"revoked_reason\":\"user_deactivated\"").doesNotContain("\"status\":\"active\"");
            } finally {
                b.getApplicationContext().close();
            }
        } finally {
            a.getApplicationContext().close();
        }
    }
}
