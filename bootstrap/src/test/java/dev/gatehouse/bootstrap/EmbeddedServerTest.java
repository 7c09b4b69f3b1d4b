package dev.gatehouse.bootstrap;

import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The server on the embedded default (memory stores), wired exactly as {@code serve} wires it. */
class EmbeddedServerTest {
    private static EmbeddedServer server;
    private static Http http;

    @BeforeAll
    static void start() {
        server = GatehouseServer.start(new ServerConfig(Optional.empty(), 0),
                Map.of("gatehouse.admin.email", "root@example.com", "gatehouse.admin.password", "a long admin password"));
        http = new Http(server.getURL().toString());
    }

    @AfterAll
    static void stop() {
        server.getApplicationContext().close();
    }

    @Test
    void answersHealthAndReadinessWithTheMemoryStore() throws Exception {
        assertThat(http.get("/healthz", null).statusCode()).isEqualTo(200);
        var ready = http.get("/readyz", null);
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).contains("database").contains("memory");
        assertThat(ready.body()).contains("\"authorization\":{\"status\":\"up\",\"detail\":\"local evaluator, 7 definitions\"}");
        for (String path : new String[]{"/api/health", "/health", "/health/live", "/health/ready"}) {
            assertThat(http.get(path, null).statusCode()).as(path).isEqualTo(200);
        }
    }

    @Test
    void logsInTheConfiguredAdminAndAnswersMe() throws Exception {
        String token = http.login("root@example.com", "a long admin password");
        var me = http.get("/api/v1/me", token);
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.body()).contains("\"email\":\"root@example.com\"").contains("\"platform_admin\":true")
                .doesNotContain("password");
        assertThat(me.headers().firstValue("X-Request-ID")).isPresent();
    }

    @Test
    void answersPermissionQuestionsWithTheLocalAuthorizer() throws Exception {
        String token = http.login("root@example.com", "a long admin password");
        var catalog = http.get("/api/v1/permissions", token);
        assertThat(catalog.statusCode()).isEqualTo(200);
        assertThat(catalog.body()).contains("\"scope\":\"projects:read\"").contains("\"least_role\":\"viewer\"");
        var check = http.post("/api/v1/authz/check", "{\"resource\":{\"type\":\"project\",\"id\":\"web\"},"
                + "\"permission\":\"projects_read\",\"subject\":{\"type\":\"user\",\"id\":\"nobody\"}}", token);
        assertThat(check.statusCode()).as(check.body()).isEqualTo(200);
        assertThat(check.body()).contains("\"permissionship\":\"no_permission\"").contains("\"allowed\":false");
    }

    @Test
    void theHourlyPurgeJobRemovesProjectsDeletedMoreThanThirtyDaysAgo() {
        var gatehouse = server.getApplicationContext().getBean(dev.gatehouse.core.Gatehouse.class);
        var system = dev.gatehouse.core.shared.Caller.system("test");
        var org = new dev.gatehouse.core.shared.OrganizationId(java.util.UUID.randomUUID());
        var old = gatehouse.tenancy().createProject().handle(new dev.gatehouse.core.tenancy.projects.CreateProject.Command(system, org,
                "Old", null, null)).value().project();
        var recent = gatehouse.tenancy().createProject().handle(new dev.gatehouse.core.tenancy.projects.CreateProject.Command(system, org,
                "Recent", null, null)).value().project();
        var projects = gatehouse.stores().tenancy().projects();
        gatehouse.platform().transactions().inTransaction(() -> {
            projects.update(old.softDeleted(java.time.Instant.now().minus(java.time.Duration.ofDays(31))));
            projects.update(recent.softDeleted(java.time.Instant.now().minus(java.time.Duration.ofDays(29))));
            return null;
        });
        server.getApplicationContext().getBean(ProjectPurgeJob.class).purgeDue();
        assertThat(projects.byId(old.id())).isEmpty();
        assertThat(gatehouse.stores().tenancy().environments().ofProject(old.id())).isEmpty();
        assertThat(projects.byId(recent.id())).isPresent();
    }

    @Test
    void refusesAnonymousCallsWithAProblem() throws Exception {
        var r = http.get("/api/v1/me", null);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(r.body()).contains("\"error\":\"unauthorized\"").contains("request_id");
    }

    @Test
    void servesMetricsOpenApiAndJwks() throws Exception {
        http.get("/healthz", null);
        var metrics = http.get("/metrics", null);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("http_server_requests");
        var openapi = http.get("/api/openapi.json", null);
        assertThat(openapi.statusCode()).isEqualTo(200);
        assertThat(openapi.body()).contains("\"openapi\"").contains("/api/v1/me");
        var jwks = http.get("/.well-known/jwks.json", null);
        assertThat(jwks.statusCode()).isEqualTo(200);
        assertThat(jwks.body()).contains("\"kty\":\"OKP\"").contains("\"crv\":\"Ed25519\"").doesNotContain("\"d\"");
    }

    @Test
    void auditsTheAdminsActions() throws Exception {
        String token = http.login("root@example.com", "a long admin password");
        var created = http.post("/api/v1/users", "{\"email\":\"grace@example.com\",\"password\":\"another long password\",\"name\":\"Grace\"}", token);
        assertThat(created.statusCode()).isEqualTo(201);
        String id = Http.field(created.body(), "id");
        var trail = http.get("/api/v1/audit-events?action=user.created&resource=" + id, token);
        assertThat(trail.statusCode()).isEqualTo(200);
        assertThat(trail.body()).contains(id).contains("user.created");
    }
}
