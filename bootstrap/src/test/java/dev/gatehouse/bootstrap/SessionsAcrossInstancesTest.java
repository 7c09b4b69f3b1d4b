package dev.gatehouse.bootstrap;

import dev.gatehouse.postgres.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static dev.gatehouse.bootstrap.RunningServer.expect;
import static dev.gatehouse.bootstrap.RunningServer.expectWithin;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two servers on one PostgreSQL database: logout, a revoked session and a deactivated user are
 * refused at once by the instance that ended them and within a second by the other one, which had
 * the session in its authenticated-session cache (ADR 0042) and drops it when the ending's
 * announcement arrives (the bound the other across-instance tests use).
 */
class SessionsAcrossInstancesTest {
    @RegisterExtension
    static final TestPostgres POSTGRES = new TestPostgres();

    @Test
    void logoutRevocationAndDeactivationTakeEffectAtOnceHereAndWithinASecondOnTheOtherInstance() throws Exception {
        var config = TestServers.config("postgres", POSTGRES);
        Duration within = Duration.ofSeconds(1);
        try (var a = RunningServer.start(config); var b = RunningServer.start(config)) {
            Http onA = a.http();
            Http onB = b.http();
            String root = a.loginAdmin();
            String ada = a.createUser(root, "ada@example.com", "ada's long password", "Ada");

            String first = onA.login("ada@example.com", "ada's long password");
            expect(onB.get("/api/v1/me", first), 200);
            expect(onA.post("/api/v1/auth/logout", "{}", first), 204);
            expect(onA.get("/api/v1/me", first), 401);
            expectWithin(onB, "/api/v1/me", first, 401, within);

            String second = onB.login("ada@example.com", "ada's long password");
            expect(onA.get("/api/v1/me", second), 200);
            var sessions = onA.get("/api/v1/users/" + ada + "/sessions", second);
            expect(sessions, 200);
            String sid = Http.field(sessions.body(), "id");
            assertThat(sessions.body()).contains("\"revoked_reason\":\"logout\"");
            expect(onB.send("DELETE", "/api/v1/users/" + ada + "/sessions/" + sid, null, root), 204);
            expect(onB.get("/api/v1/me", second), 401);
            expectWithin(onA, "/api/v1/me", second, 401, within);

            String third = onA.login("ada@example.com", "ada's long password");
            expect(onB.get("/api/v1/me", third), 200);
            expect(onB.send("DELETE", "/api/v1/users/" + ada, null, root), 204);
            expect(onB.get("/api/v1/me", third), 401);
            expectWithin(onA, "/api/v1/me", third, 401, within);
            var after = onA.get("/api/v1/users/" + ada, root);
            expect(after, 200);
            assertThat(after.body()).contains("\"revoked_reason\":\"user_deactivated\"").doesNotContain("\"status\":\"active\"");
        }
    }
}
