package dev.gatehouse.bootstrap;

import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.authorization.ObjectRef;
import dev.gatehouse.core.authorization.Relationship;
import dev.gatehouse.core.authorization.RelationshipUpdate;
import dev.gatehouse.core.authorization.SubjectRef;
import dev.gatehouse.postgres.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The server on PostgreSQL, wired exactly as {@code serve} wires it with GATEHOUSE_DATABASE_URL set. */
class PostgresServerTest {
    @RegisterExtension
    static final TestPostgres POSTGRES = new TestPostgres();

    private static ServerConfig config() {
        return TestServers.postgres(POSTGRES);
    }

    @Test
    void dataSessionsAndAuditSurviveARestart() throws Exception {
        String userId;
        String adminToken;
        try (var first = RunningServer.start(config())) {
            Http http = first.http();
            assertThat(http.get("/readyz", null).body()).contains("database");
            adminToken = first.loginAdmin();
            userId = first.createUser(adminToken, "grace@example.com", "grace's long password", "Grace");
        }

        try (var second = RunningServer.start(config())) {
            Http http = second.http();
            assertThat(http.get("/api/v1/me", adminToken).statusCode())
                    .as("a session token from before the restart still verifies").isEqualTo(200);
            String graceToken = http.login("grace@example.com", "grace's long password");
            assertThat(http.get("/api/v1/me", graceToken).body()).contains(userId);
            var trail = http.get("/api/v1/audit-events?resource=" + userId, adminToken);
            assertThat(trail.body()).contains("user.created").contains("user.logged_in");
            var users = http.get("/api/v1/users?search=grace@example.com", adminToken);
            assertThat(users.body()).contains("\"total\":1").contains(userId);
        }
    }

    @Test
    void relationshipsLiveInPostgresAndTheLocalAuthorizerAnswersFromThemAfterARestart() throws Exception {
        String check = "{\"resource\":{\"type\":\"project\",\"id\":\"web\"},\"permission\":\"projects_write\","
                + "\"subject\":{\"type\":\"user\",\"id\":\"adam\"}}";
        try (var first = RunningServer.start(config())) {
            Http http = first.http();
            assertThat(http.get("/readyz", null).body()).contains("\"authorization\":{\"status\":\"up\"");
            var written = first.bean(Gatehouse.class).platform().authorizer().write(List.of(
                    RelationshipUpdate.touch(Relationship.of(new ObjectRef("project", "web"), "organization",
                            SubjectRef.of("organization", "acme"))),
                    RelationshipUpdate.touch(Relationship.of(new ObjectRef("organization", "acme"), "admin",
                            SubjectRef.of("user", "adam")))));
            assertThat(written.isOk()).isTrue();
        }

        try (var second = RunningServer.start(config())) {
            Http http = second.http();
            String token = second.loginAdmin();
            var r = http.post("/api/v1/authz/check", check, token);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(r.body()).contains("\"permissionship\":\"has_permission\"");
        }
    }

    @Test
    void projectsLiveThroughCreateDeleteRestoreAndEnvironmentRulesOnPostgres() throws Exception {
        try (var server = RunningServer.start(config())) {
            Http http = server.http();
            Gatehouse gatehouse = server.bean(Gatehouse.class);
            String admin = server.loginAdmin();
            var user = http.post("/api/v1/users", "{\"email\":\"owner@example.com\",\"password\":\"owner's long password\"}", admin);
            String ownerId = Http.field(user.body(), "id");
            var org = new dev.gatehouse.core.shared.OrganizationId(java.util.UUID.randomUUID());
            assertThat(gatehouse.platform().authorizer().write(List.of(RelationshipUpdate.touch(Relationship.of(
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
            assertThat(gatehouse.stores().platform().eventOutbox().after(null, 100).stream().map(e -> e.type()))
                    .contains("project.created", "environment.created", "project.deleted", "project.restored");
        }
    }

    @Test
    void twentyConcurrentIdenticalRequestsCreateOneUserAndReplayNineteenTimes() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try (var server = RunningServer.start(config())) {
            Http http = server.http();
            String token = server.loginAdmin();
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
        }
    }
}
