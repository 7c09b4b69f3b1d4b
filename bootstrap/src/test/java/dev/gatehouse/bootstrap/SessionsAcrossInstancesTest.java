package dev.gatehouse.bootstrap;

import dev.gatehouse.postgres.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;


import static dev.gatehouse.bootstrap.RunningServer.expect;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two servers on one PostgreSQL database: logout, a revoked session and a deactivated user are
 * refused by the other instance on its very next request (every request checks the stored session).
 */
class SessionsAcrossInstancesTest {
    @RegisterExtension
    static final TestPostgres POSTGRES = new TestPostgres();

    @Test
    void logoutRevocationAndDeactivationTakeEffectAtOnceOnTheOtherInstance() throws Exception {
        var config = TestServers.config("postgres", POSTGRES);
        try (var a = RunningServer.start(config); var b = RunningServer.start(config)) {
            Http onA = a.http();
            Http onB = b.http();
            String root = a.loginAdmin();
            String ada = a.createUser(root, "ada@example.com", "ada's long password", "Ada");

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
        }
    }
}
