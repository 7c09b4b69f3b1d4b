package dev.gatehouse.bootstrap;

import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.authorization.ObjectRef;
import dev.gatehouse.core.authorization.Relationship;
import dev.gatehouse.core.authorization.RelationshipUpdate;
import dev.gatehouse.core.authorization.SubjectRef;
import dev.gatehouse.postgres.testing.TestPostgres;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
            var users = http.get("/api/v1/users?search=grace@example.com", adminToken);
            assertThat(users.body()).contains("\"total\":1").contains(userId);
        } finally {
            second.getApplicationContext().close();
        }
    }

    @Test
    void relationshipsLiveInPostgresAndTheLocalAuthorizerAnswersFromThemAfterARestart() throws Exception {
        String check = "{\"resource\":{\"type\":\"project\",\"id\":\"web\"},\"permission\":\"projects_write\","
                + "\"subject\":{\"type\":\"user\",\"id\":\"adam\"}}";
        EmbeddedServer first = GatehouseServer.start(config(), ADMIN);
        try {
            Http http = new Http(first.getURL().toString());
            assertThat(http.get("/readyz", null).body()).contains("\"authorization\":{\"status\":\"up\"");
            var written = first.getApplicationContext().getBean(Gatehouse.class).ports().authorizer().write(List.of(
                    RelationshipUpdate.touch(Relationship.of(new ObjectRef("project", "web"), "organization",
                            SubjectRef.of("organization", "acme"))),
                    RelationshipUpdate.touch(Relationship.of(new ObjectRef("organization", "acme"), "admin",
                            SubjectRef.of("user", "adam")))));
            assertThat(written.isOk()).isTrue();
        } finally {
            first.getApplicationContext().close();
        }

        EmbeddedServer second = GatehouseServer.start(config(), ADMIN);
        try {
            Http http = new Http(second.getURL().toString());
            String token = http.login("root@example.com", "a long admin password");
            var r = http.post("/api/v1/authz/check", check, token);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(r.body()).contains("\"permissionship\":\"has_permission\"");
        } finally {
            second.getApplicationContext().close();
        }
    }

    @Test
    void projectsLiveThroughCreateDeleteRestoreAndEnvironmentRulesOnPostgres() throws Exception {
        EmbeddedServer server = GatehouseServer.start(config(), ADMIN);
        try {
            Http http = new Http(server.getURL().toString());
            Gatehouse gatehouse = server.getApplicationContext().getBean(Gatehouse.class);
            String admin = http.login("root@example.com", "a long admin password");
            var user = http.post("/api/v1/users", "{\"email\":\"owner@example.com\",\"password\":\"owner's long password\"}", admin);
            String ownerId = Http.field(user.body(), "id");
            var org = new dev.gatehouse.core.shared.OrganizationId(java.util.UUID.randomUUID());
            assertThat(gatehouse.ports().authorizer().write(List.of(RelationshipUpdate.touch(Relationship.of(
                    new ObjectRef("organization", org.text()), "owner", SubjectRef.of("user", ownerId))))).isOk()).isTrue();
            String owner = http.login("owner@example.com", "owner's long password");

            var created = http.post("/api/v1/projects", "{\"organization_id\":\"" + org.text() + "\",\"name\":\"Web\"}", owner);
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            String projectId = Http.field(created.body(), "id");
            var duplicate = http.post("/api/v1/environments", "{\"project_id\":\"" + projectId
                    + "\",\"name\":\"Staging\",\"kind\":\"staging\"}", owner);
            assertThat(duplicate.statusCode()).as(duplicate.body()).isEqualTo(409);
            var added = http.post("/api/v1/environments", "{\"project_id\":\"" + projectId
                    + "\",\"name\":\"preview\",\"kind\":\"development\"}", owner);
            assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
            assertThat(http.get("/api/v1/projects/" + projectId + "/environments", owner).body()).contains("\"total\":4");
            assertThat(http.get("/api/v1/projects?search=web", owner).body()).contains(projectId);

            var caller = new dev.gatehouse.core.shared.Caller(new dev.gatehouse.core.shared.Principal.User(
                    dev.gatehouse.core.shared.UserId.parse(ownerId).orElseThrow(), "owner@example.com", false),
                    dev.gatehouse.core.shared.Origin.none());
            var id = dev.gatehouse.core.shared.ProjectId.parse(projectId).orElseThrow();
            assertThat(gatehouse.tenancy().deleteProject().handle(caller, id).isOk()).isTrue();
            assertThat(http.get("/api/v1/projects/" + projectId, owner).statusCode()).isEqualTo(404);
            var restored = http.post("/api/v1/projects/" + projectId + "/restore", "", owner);
            assertThat(restored.statusCode()).as(restored.body()).isEqualTo(200);
            assertThat(http.get("/api/v1/projects/" + projectId, owner).statusCode()).isEqualTo(200);
            var trail = http.get("/api/v1/audit-events?resource=" + projectId, admin);
            assertThat(trail.body()).contains("project.created").contains("project.deleted").contains("project.restored");
            assertThat(gatehouse.ports().eventOutbox().after(null, 100).stream().map(e -> e.type()))
                    .contains("project.created", "environment.created", "project.deleted", "project.restored");
        } finally {
            server.getApplicationContext().close();
        }
    }

    @Test
    void twentyConcurrentIdenticalRequestsCreateOneUserAndReplayNineteenTimes() throws Exception {
        EmbeddedServer server = GatehouseServer.start(config(), ADMIN);
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            Http http = new Http(server.getURL().toString());
            String token = http.login("root@example.com", "a long admin password");
            String body = "{\"email\":\"twenty@example.com\",\"password\":\"twenty's long password\",\"name\":\"Twenty\"}";
            CountDownLatch go = new CountDownLatch(1);
            List<Future<HttpResponse<String>>> futures = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return http.post("/api/v1/users", body, token, "create-twenty");
                }));
            }
            go.countDown();
            List<HttpResponse<String>> responses = new ArrayList<>();
            for (var f : futures) {
                responses.add(f.get(60, TimeUnit.SECONDS));
            }
            assertThat(responses).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(201));
            assertThat(responses.stream().filter(r -> r.headers().firstValue("Idempotent-Replayed").isEmpty())).hasSize(1);
            assertThat(responses.stream().filter(r -> r.headers().firstValue("Idempotent-Replayed").orElse("").equals("true")))
                    .hasSize(19);
            assertThat(responses.stream().map(HttpResponse::body).distinct()).hasSize(1);
            var found = http.get("/api/v1/users?search=twenty@example.com", token);
            assertThat(found.body()).contains("\"total\":1");
            var audit = http.get("/api/v1/audit-events?action=user.created&resource=" + Http.field(responses.get(0).body(), "id"), token);
            assertThat(audit.body()).contains("\"idempotency_key\":\"create-twenty\"");
        } finally {
            pool.shutdownNow();
            server.getApplicationContext().close();
        }
    }
}
