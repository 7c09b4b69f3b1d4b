package dev.gatehouse.bootstrap;

import dev.gatehouse.postgres.testing.TestPostgres;
import org.junit.jupiter.api.extension.RegisterExtension;


import static dev.gatehouse.bootstrap.RunningServer.expect;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tenant lifecycle end to end over HTTP, on a freshly started server wired as {@code serve}
 * wires it, once on the embedded default and once on PostgreSQL: create an organization, invite,
 * accept as a second user, create a project, list its environments, change the member's role,
 * remove the member, soft-delete and restore the project.
 */
class TenancyFlowTest {
    @RegisterExtension
    static final TestPostgres POSTGRES = new TestPostgres();

    private static ServerConfig config(String store) {
        return TestServers.config(store, POSTGRES);
    }

    @OnEveryStore
    void theWholeTenantLifecycleWorks(String store) throws Exception {
        try (var server = RunningServer.start(config(store))) {
            Http http = server.http();
            String root = server.loginAdmin();
            String aliceToken = server.signIn(root, "Alice").token();
            var bob = server.signIn(root, "Bob");
            String bobId = bob.id();
            String bobToken = bob.token();

            var org = http.post("/api/v1/organizations", "{\"name\":\"Acme Corp\"}", aliceToken);
            expect(org, 201);
            String orgId = Http.field(org.body(), "id");
            assertThat(Http.field(org.body(), "slug")).isEqualTo("acme-corp");
            expect(http.get("/api/v1/organizations/" + orgId, bobToken), 404);

            var invitation = http.post("/api/v1/organizations/" + orgId + "/invitations",
                    "{\"email\":\"BOB@example.com\",\"role\":\"member\"}", aliceToken);
            expect(invitation, 201);
            expect(http.post("/api/v1/invitations/" + Http.field(invitation.body(), "token") + "/accept", "{}", bobToken), 200);
            expect(http.get("/api/v1/organizations/" + orgId, bobToken), 200);

            String projectId = server.createProject(aliceToken, orgId, "Web");
            expect(http.post("/api/v1/projects", "{\"organization_id\":\"" + orgId + "\",\"name\":\"Bob's\"}", bobToken), 403);
            var environments = http.get("/api/v1/projects/" + projectId + "/environments", bobToken);
            expect(environments, 200);
            assertThat(environments.body()).contains("\"production\"").contains("\"staging\"").contains("\"development\"");

            expect(http.send("PATCH", "/api/v1/organizations/" + orgId + "/members/" + bobId, "{\"role\":\"admin\"}", aliceToken), 200);
            expect(http.post("/api/v1/projects", "{\"organization_id\":\"" + orgId + "\",\"name\":\"Bob's\"}", bobToken), 201);
            expect(http.send("DELETE", "/api/v1/organizations/" + orgId + "/members/" + bobId, null, aliceToken), 204);
            expect(http.get("/api/v1/projects/" + projectId, bobToken), 404);
            expect(http.get("/api/v1/organizations/" + orgId, bobToken), 404);

            expect(http.send("DELETE", "/api/v1/projects/" + projectId, null, aliceToken), 204);
            expect(http.get("/api/v1/projects/" + projectId, aliceToken), 404);
            expect(http.post("/api/v1/projects/" + projectId + "/restore", "{}", aliceToken), 200);
            expect(http.get("/api/v1/projects/" + projectId, aliceToken), 200);

            var trail = http.get("/api/v1/audit-events?action=member.*", root);
            assertThat(trail.body()).contains("member.added").contains("member.role_changed").contains("member.removed");
        }
    }
}
