package dev.gatehouse.bootstrap;

import dev.gatehouse.postgres.testing.TestPostgres;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The server on PostgreSQL, wired exactly as {@code serve} wires it with GATEHOUSE_DATABASE_URL set. */
class PostgresServerTest {
    @RegisterExtension
    static final TestPostgres POSTGRES = new TestPostgres();

    private static final Map<String, Object> ADMIN = Map.of(
            "gatehouse.admin.email", "root@example.com", "gatehouse.admin.password", "a long admin password");

    private static ServerConfig config() {
        var db = POSTGRES.database();
        return new ServerConfig(Optional.of(new ServerConfig.Database(db.jdbcUrl(), db.user(), db.password())), 0);
    }

    @Test
    void dataSessionsAndAuditSurviveARestart() throws Exception {
        String userId;
        String adminToken;
        EmbeddedServer first = GatehouseServer.start(config(), ADMIN);
        try {
            Http http = new Http(first.getURL().toString());
            assertThat(http.get("/readyz", null).body()).contains("database");
            adminToken = http.login("root@example.com", "a long admin password");
            var created = http.post("/api/v1/users",
                    "{\"email\":\"grace@example.com\",\"password\":\"grace's long password\",\"name\":\"Grace\"}", adminToken);
            assertThat(created.statusCode()).isEqualTo(201);
            userId = Http.field(created.body(), "id");
        } finally {
            first.getApplicationContext().close();
        }

        EmbeddedServer second = GatehouseServer.start(config(), ADMIN);
        try {
            Http http = new Http(second.getURL().toString());
            assertThat(http.get("/api/v1/me", adminToken).statusCode())
                    .as("a session token from before the restart still verifies").isEqualTo(200);
            String graceToken = http.login("grace@example.com", "grace's long password");
            assertThat(http.get("/api/v1/me", graceToken).body()).contains(userId);
            var trail = http.get("/api/v1/audit-events?resource=" + userId, adminToken);
            assertThat(trail.body()).contains("user.created").contains("user.logged_in");
            var users = http.get("/api/v1/users?search=example.com", adminToken);
            assertThat(users.body()).contains("\"total\":2");
        } finally {
            second.getApplicationContext().close();
        }
    }
}
