package dev.gatehouse.bootstrap;

import dev.gatehouse.postgres.testing.TestPostgres;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.gatehouse.bootstrap.RunningServer.expect;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Custom roles end to end over HTTP, on the embedded default and on PostgreSQL: a role with
 * {@code projects:write} assigned to a plain member on one project lets them update that project and
 * no other, and unassigning takes it away again; concurrent creations of one name make one role.
 */
class RolesFlowTest {
    @RegisterExtension
    static final TestPostgres POSTGRES = new TestPostgres();

    private static ServerConfig config(String store) {
        return TestServers.config(store, POSTGRES);
    }

    @OnEveryStore
    void aCustomRoleGrantsOnItsProjectUntilUnassigned(String store) throws Exception {
        try (var server = RunningServer.start(config(store))) {
            Http http = server.http();
            String root = server.loginAdmin();
            String alice = server.signIn(root, "Alice").token();
            var bob = server.signIn(root, "Bob");
            String bobId = bob.id();
            String bobToken = bob.token();

            String orgId = server.createOrganization(alice, "Acme Roles");
            expect(http.post("/api/v1/organizations/" + orgId + "/members", "{\"user_id\":\"" + bobId + "\",\"role\":\"member\"}",
                    alice), 201);
            String webId = server.createProject(alice, orgId, "Web");
            String apiId = server.createProject(alice, orgId, "Api");
            expect(http.send("PATCH", "/api/v1/projects/" + webId, "{\"name\":\"Web 2\"}", bobToken), 403);

            var role = http.post("/api/v1/roles", "{\"organization_id\":\"" + orgId
                    + "\",\"name\":\"Deployer\",\"permissions\":[\"projects:write\"]}", alice);
            expect(role, 201);
            String roleId = Http.field(role.body(), "id");
            var assignment = http.post("/api/v1/role-assignments", "{\"role_id\":\"" + roleId + "\",\"user_id\":\"" + bobId
                    + "\",\"resource\":{\"type\":\"project\",\"id\":\"" + webId + "\"}}", alice);
            expect(assignment, 201);
            String assignmentId = Http.field(assignment.body(), "id");

            expect(http.send("PATCH", "/api/v1/projects/" + webId, "{\"name\":\"Web 2\"}", bobToken), 200);
            expect(http.send("PATCH", "/api/v1/projects/" + apiId, "{\"name\":\"Api 2\"}", bobToken), 403);
            var roles = http.get("/api/v1/users/" + bobId + "/roles?organization_id=" + orgId, bobToken);
            expect(roles, 200);
            assertThat(roles.body()).contains(assignmentId).contains("\"Deployer\"").contains("\"membership\"");

            expect(http.send("DELETE", "/api/v1/role-assignments/" + assignmentId, null, alice), 204);
            expect(http.send("PATCH", "/api/v1/projects/" + webId, "{\"name\":\"Web 3\"}", bobToken), 403);

            // deleting a role takes its assignments (and what they granted) with it
            expect(http.post("/api/v1/role-assignments", "{\"role_id\":\"" + roleId + "\",\"user_id\":\"" + bobId
                    + "\",\"resource\":{\"type\":\"project\",\"id\":\"" + apiId + "\"}}", alice), 201);
            expect(http.send("PATCH", "/api/v1/projects/" + apiId, "{\"name\":\"Api 2\"}", bobToken), 200);
            expect(http.send("DELETE", "/api/v1/roles/" + roleId, null, alice), 204);
            expect(http.send("PATCH", "/api/v1/projects/" + apiId, "{\"name\":\"Api 3\"}", bobToken), 403);
            var left = http.get("/api/v1/role-assignments?organization_id=" + orgId, alice);
            expect(left, 200);
            assertThat(left.body()).contains("\"total\":0");

            // concurrent creations of one name: exactly one role
            int n = 6;
            ExecutorService pool = Executors.newFixedThreadPool(n);
            try {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Integer>> results = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    Callable<Integer> create = () -> {
                        go.await();
                        return http.post("/api/v1/roles", "{\"organization_id\":\"" + orgId
                                + "\",\"name\":\"Racer\",\"permissions\":[\"audit:read\"]}", alice).statusCode();
                    };
                    results.add(pool.submit(create));
                }
                go.countDown();
                List<Integer> statuses = new ArrayList<>();
                for (Future<Integer> f : results) {
                    statuses.add(f.get());
                }
                assertThat(statuses).containsOnly(201, 409);
                assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
            } finally {
                pool.shutdownNow();
            }

            // concurrent replacements of one role's permissions: the relationships end up matching the stored set
            var racer = http.post("/api/v1/roles", "{\"organization_id\":\"" + orgId
                    + "\",\"name\":\"Switcher\",\"permissions\":[\"projects:write\"]}", alice);
            expect(racer, 201);
            String racerId = Http.field(racer.body(), "id");
            expect(http.post("/api/v1/role-assignments", "{\"role_id\":\"" + racerId + "\",\"user_id\":\"" + bobId
                    + "\",\"resource\":{\"type\":\"project\",\"id\":\"" + apiId + "\"}}", alice), 201);
            List<String> scopes = List.of("projects:write", "projects:delete", "environments:write", "signing-keys:write",
                    "webhooks:write", "webhooks:delete");
            ExecutorService writers = Executors.newFixedThreadPool(scopes.size());
            try {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Integer>> results = new ArrayList<>();
                for (int i = 0; i < scopes.size(); i++) {
                    String body = "{\"permissions\":[\"" + scopes.get(i) + "\",\"" + scopes.get((i + 1) % scopes.size()) + "\"]}";
                    Callable<Integer> put = () -> {
                        go.await();
                        return http.send("PUT", "/api/v1/roles/" + racerId + "/permissions", body, alice).statusCode();
                    };
                    results.add(writers.submit(put));
                }
                go.countDown();
                for (Future<Integer> f : results) {
                    assertThat(f.get()).isEqualTo(200);
                }
            } finally {
                writers.shutdownNow();
            }
            String stored = http.get("/api/v1/roles/" + racerId, alice).body();
            for (String scope : scopes) {
                var check = http.post("/api/v1/authz/check", "{\"resource\":{\"type\":\"project\",\"id\":\"" + apiId
                        + "\"},\"permission\":\"" + scope.replace(':', '_').replace('-', '_')
                        + "\",\"subject\":{\"type\":\"user\",\"id\":\"" + bobId + "\"}}", root);
                expect(check, 200);
                assertThat(check.body().contains("\"allowed\":true")).as("%s in %s → %s", scope, stored, check.body())
                        .isEqualTo(stored.contains("\"" + scope + "\""));
            }

            var trail = http.get("/api/v1/audit-events?action=role.*", root);
            expect(trail, 200);
            assertThat(trail.body()).contains("role.created").contains("role.deleted");
            var assignments = http.get("/api/v1/audit-events?action=role_assignment.*", root);
            expect(assignments, 200);
            assertThat(assignments.body()).contains("role_assignment.created").contains("role_assignment.deleted");
        }
    }
}
