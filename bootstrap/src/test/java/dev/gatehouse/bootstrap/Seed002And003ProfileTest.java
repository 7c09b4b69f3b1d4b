package dev.gatehouse.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.postgres.testing.TestPostgres;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static dev.gatehouse.bootstrap.SeedClient.hasFields;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeds 002 ({@code /api/v1/requests…}, {@code /api/v1/user-roles…}, a project's status, every environment,
 * the probes) and 003 ({@code /v1/admin/…}, the audit query's own shape, the health probes) walked as their
 * clients would, on the embedded default and on PostgreSQL (ADR 32). 002's agents, wraps, DEK, secrets
 * discovery and GitOps are out of scope.
 */
class Seed002And003ProfileTest {
    @RegisterExtension
    static final TestPostgres POSTGRES = new TestPostgres();

    private static String member(SeedClient c, String root, String org, String email, String role) throws Exception {
        String id = c.expect(201, "POST", "/api/v1/users", "{\"email\":\"" + email + "\",\"password\":\"a long user password\","
                + "\"name\":\"U\"}", root).data().path("id").asText();
        c.expect(201, "POST", "/api/v1/organizations/" + org + "/members", "{\"user_id\":\"" + id + "\",\"role\":\"" + role + "\"}", root);
        return id;
    }

    @OnEveryStore
    void walksTheDocuments(String store) throws Exception {
        EmbeddedServer server = GatehouseServer.start(TestServers.config(store, POSTGRES),
                Map.of("gatehouse.admin.email", "root@example.com", "gatehouse.admin.password", "a long admin password"));
        try {
            SeedClient c = new SeedClient(server.getURL().toString());
            String root = c.login("root@example.com", "a long admin password");

            // --- 002: probes and login ---
            c.expect(200, "GET", "/healthz", null, null);
            c.expect(200, "GET", "/readyz", null, null);
            c.expect(200, "GET", "/metrics", null, null, Map.of("Accept", "text/plain"));
            var login = c.expect(200, "POST", "/api/v1/auth/login", "{\"email\":\"root@example.com\",\"password\":\"a long admin password\"}",
                    null);
            hasFields(login.data(), "token", "expires_at", "user");
            c.error(401, "unauthorized", "POST", "/api/v1/auth/login", "{\"email\":\"root@example.com\",\"password\":\"wrong password!\"}",
                    null);

            // --- 002: projects and environments ---
            String org = c.expect(201, "POST", "/api/v1/organizations", "{\"name\":\"Secrets Broker\"}", root).data().path("id").asText();
            String project = c.expect(201, "POST", "/api/v1/projects", "{\"organization_id\":\"" + org + "\",\"name\":\"Vault\"}", root)
                    .data().path("id").asText();
            var envs = c.expect(200, "GET", "/api/v1/environments", null, root, Map.of("X-Workspace-ID", org));
            assertThat(envs.data()).extracting(e -> e.path("kind").asText()).contains("production", "staging", "development");
            assertThat(c.expect(200, "GET", "/api/v1/environments?project_id=" + project, null, root).data()).hasSize(3);
            c.expect(201, "POST", "/api/v1/environments", "{\"project_id\":\"" + project + "\",\"name\":\"qa\",\"kind\":\"staging\"}", root);
            assertThat(c.expect(200, "GET", "/api/v1/projects/" + project + "/environments", null, root).data()).hasSize(4);
            var archived = c.expect(200, "PUT", "/api/v1/projects/" + project + "/status", "{\"status\":\"archived\"}", root);
            assertThat(archived.data().path("status").asText()).isEqualTo("archived");
            c.error(404, "not_found", "GET", "/api/v1/projects/" + project, null, root);
            var active = c.expect(200, "PUT", "/api/v1/projects/" + project + "/status", "{\"status\":\"active\"}", root);
            assertThat(active.data().path("status").asText()).isEqualTo("active");
            c.expect(200, "GET", "/api/v1/projects/" + project, null, root);
            c.expect(200, "PUT", "/api/v1/projects/" + project + "/status", "{\"status\":\"active\"}", root);
            c.error(422, "validation_failed", "PUT", "/api/v1/projects/" + project + "/status", "{\"status\":\"frozen\"}", root);

            // --- 002: roles and user-roles ---
            String requester = member(c, root, org, "requester@example.com", "member");
            String approver = member(c, root, org, "approver@example.com", "admin");
            String requesterToken = c.login("requester@example.com", "a long user password");
            String approverToken = c.login("approver@example.com", "a long user password");
            var assigned = c.expect(201, "POST", "/api/v1/user-roles", "{\"role_id\":\"viewer\",\"user_id\":\"" + requester
                    + "\",\"resource\":{\"type\":\"project\",\"id\":\"" + project + "\"}}", root);
            String assignment = assigned.data().path("id").asText();
            assertThat(c.expect(200, "GET", "/api/v1/user-roles?organization_id=" + org, null, root).data())
                    .extracting(a -> a.path("id").asText()).contains(assignment);
            c.expect(200, "GET", "/api/v1/users/" + requester + "/roles?organization_id=" + org, null, root);
            assertThat(c.send("DELETE", "/api/v1/user-roles/" + assignment, null, root).status()).isEqualTo(204);
            c.error(404, "not_found", "DELETE", "/api/v1/user-roles/" + assignment, null, root);
            c.expect(200, "GET", "/api/v1/roles?organization_id=" + org, null, root);
            c.expect(200, "GET", "/api/v1/permissions", null, root);

            // --- 002: access requests ---
            String workflow = c.expect(201, "POST", "/api/v1/workflows", "{\"organization_id\":\"" + org + "\",\"name\":\"wf\","
                    + "\"stages\":[{\"users\":[\"" + approver + "\"]}]}", root).data().path("id").asText();
            c.expect(201, "POST", "/api/v1/policies", "{\"organization_id\":\"" + org + "\",\"name\":\"projects\",\"resource_type\":"
                    + "\"project\",\"workflow_id\":\"" + workflow + "\",\"max_duration_minutes\":120}", root);
            String submit = "{\"resource_type\":\"project\",\"resource_id\":\"" + project + "\",\"role\":\"admin\","
                    + "\"duration_minutes\":60,\"reason\":\"incident 7\"}";
            var first = c.expect(201, "POST", "/api/v1/requests", submit, requesterToken);
            String firstId = first.data().path("id").asText();
            var got = c.expect(200, "GET", "/api/v1/requests/" + firstId, null, requesterToken);
            assertThat(got.data().path("status").asText()).isEqualTo("pending");
            var listed = c.expect(200, "GET", "/api/v1/requests?organization_id=" + org + "&requester_id=" + requester
                    + "&status=pending", null, root);
            assertThat(listed.data()).extracting(r -> r.path("id").asText()).containsExactly(firstId);
            assertThat(c.expect(200, "GET", "/api/v1/requests?organization_id=" + org + "&requester_id=" + approver, null, root)
                    .data()).as("requester_id filters").isEmpty();
            var approved = c.expect(200, "POST", "/api/v1/requests/" + firstId + "/approve", "{\"approver_id\":\"" + approver
                    + "\",\"comment\":\"ok\"}", approverToken);
            assertThat(approved.data().path("status").asText()).isEqualTo("approved");
            c.error(409, "conflict", "POST", "/api/v1/requests/" + firstId + "/approve", "{\"approver_id\":\"" + approver + "\"}",
                    approverToken);
            String second = c.expect(201, "POST", "/api/v1/requests", submit.replace("\"admin\"", "\"member\""), requesterToken)
                    .data().path("id").asText();
            assertThat(c.expect(200, "POST", "/api/v1/requests/" + second + "/reject", "{\"approver_id\":\"" + approver
                    + "\",\"reason\":\"no\"}", approverToken).data().path("status").asText()).isEqualTo("rejected");
            String third = c.expect(201, "POST", "/api/v1/requests", submit.replace("\"admin\"", "\"viewer\""), requesterToken)
                    .data().path("id").asText();
            c.error(403, "access_denied", "POST", "/api/v1/requests/" + third + "/cancel", "{\"actor_id\":\"" + approver + "\"}",
                    approverToken);
            assertThat(c.expect(200, "POST", "/api/v1/requests/" + third + "/cancel", "{\"actor_id\":\"" + requester + "\"}",
                    requesterToken).data().path("status").asText()).isEqualTo("cancelled");
            c.error(404, "not_found", "GET", "/api/v1/requests/req_nope", null, root);
            // a read request: the viewer role unless a read permission is named; anything more is 422 naming it
            String readBody = "{\"resource_type\":\"project\",\"resource_id\":\"" + project + "\",\"duration_minutes\":30,"
                    + "\"reason\":\"read the config\"";
            c.error(401, "unauthorized", "POST", "/api/v1/requests/read", readBody + "}", null);
            var read = c.expect(201, "POST", "/api/v1/requests/read", readBody + "}", requesterToken);
            hasFields(read.data(), "id", "requester_id", "resource_type", "resource_id", "role", "status", "created_at");
            assertThat(read.data().path("role").asText()).isEqualTo("viewer");
            assertThat(read.data().path("status").asText()).isEqualTo("pending");
            assertThat(read.data().path("requester_id").asText()).isEqualTo(requester);
            assertThat(c.error(422, "validation_failed", "POST", "/api/v1/requests/read", readBody + ",\"role\":\"admin\"}",
                    requesterToken).json().at("/errors/role")).isNotEmpty();
            assertThat(c.error(422, "validation_failed", "POST", "/api/v1/requests/read", readBody
                    + ",\"permission\":\"projects:write\"}", requesterToken).json().at("/errors/permission")).isNotEmpty();
            c.error(422, "validation_failed", "POST", "/api/v1/requests/read", "{\"resource_type\":\"project\"}", requesterToken);
            c.error(409, "conflict", "POST", "/api/v1/requests/read", readBody + "}", requesterToken); // already open
            c.error(409, "conflict", "POST", "/api/v1/requests/read", readBody + ",\"permission\":\"projects:read\"}",
                    requesterToken); // a member already reads the project
            c.error(404, "not_found", "POST", "/api/v1/requests/read", "{\"resource_type\":\"project\",\"resource_id\":"
                    + "\"prj_01h455vb4pex5vsknk084sn02q\"}", requesterToken);
            assertThat(c.expect(200, "POST", "/api/v1/requests/" + read.data().path("id").asText() + "/approve", "{\"approver_id\":\""
                    + approver + "\"}", approverToken).data().path("status").asText()).isEqualTo("approved");
            c.expect(200, "GET", "/api/v1/audit-events?organization_id=" + org + "&action=access_request.*&limit=10", null, root);

            // --- 003: /v1/admin ---
            c.expect(200, "GET", "/health", null, null);
            c.expect(200, "GET", "/health/ready", null, null);
            c.expect(200, "GET", "/health/live", null, null);
            c.error(401, "unauthorized", "GET", "/v1/admin/projects", null, null);
            String adminOrg = c.expect(201, "POST", "/v1/admin/organizations", "{\"name\":\"Tenant\"}", root).data().path("id").asText();
            assertThat(c.expect(200, "GET", "/v1/admin/organizations", null, root).data()).extracting(o -> o.path("id").asText())
                    .contains(adminOrg);
            c.expect(200, "GET", "/v1/admin/organizations/" + adminOrg, null, root);
            c.expect(200, "PATCH", "/v1/admin/organizations/" + adminOrg, "{\"name\":\"Tenant 2\"}", root);
            String p = c.expect(201, "POST", "/v1/admin/projects", "{\"name\":\"App\"}", root, Map.of("X-Workspace-ID", adminOrg))
                    .data().path("id").asText();
            assertThat(c.expect(200, "GET", "/v1/admin/projects?page=1&per_page=10", null, root, Map.of("X-Workspace-ID", adminOrg))
                    .data()).extracting(x -> x.path("id").asText()).containsExactly(p);
            c.expect(200, "GET", "/v1/admin/projects/" + p, null, root);
            c.expect(200, "PATCH", "/v1/admin/projects/" + p, "{\"name\":\"App 2\"}", root);
            var origins = c.error(422, "validation_failed", "PATCH", "/v1/admin/projects/" + p, "{\"origins\":[\"https://a.example\"]}",
                    root);
            assertThat(origins.json().at("/errors/origins")).isNotEmpty();
            var key = c.expect(201, "POST", "/v1/admin/projects/" + p + "/api-keys", "{\"name\":\"k\",\"environment\":\"production\"}", root);
            assertThat(key.data().path("key").asText()).startsWith("sk_live_");
            String keyId = key.data().path("id").asText();
            assertThat(c.expect(200, "GET", "/v1/admin/projects/" + p + "/api-keys", null, root).data()).hasSize(1);
            assertThat(c.send("DELETE", "/v1/admin/projects/" + p + "/api-keys/" + keyId, null, root).status()).isEqualTo(204);
            c.expect(200, "GET", "/v1/admin/projects/" + p + "/signing-keys", null, root);
            c.expect(201, "POST", "/v1/admin/projects/" + p + "/signing-keys/rotate", "{}", root);
            String user = member(c, root, adminOrg, "member@example.com", "member");
            c.expect(200, "GET", "/v1/admin/users?search=member", null, root);
            c.expect(200, "GET", "/v1/admin/users/" + user, null, root);
            c.expect(200, "PATCH", "/v1/admin/users/" + user, "{\"name\":\"Renamed\"}", root);
            assertThat(c.expect(200, "GET", "/v1/admin/organizations/" + adminOrg + "/members", null, root).data())
                    .as("its creator (the owner) and the member").hasSize(2);
            c.expect(200, "PATCH", "/v1/admin/organizations/" + adminOrg + "/members/" + user, "{\"role\":\"viewer\"}", root);
            assertThat(c.send("DELETE", "/v1/admin/organizations/" + adminOrg + "/members/" + user, null, root).status()).isEqualTo(204);
            c.expect(201, "POST", "/v1/admin/organizations/" + adminOrg + "/members", "{\"user_id\":\"" + user + "\",\"role\":\"member\"}",
                    root);
            String inv = c.expect(201, "POST", "/v1/admin/organizations/" + adminOrg + "/invitations", "{\"email\":\"new@example.com\","
                    + "\"role\":\"member\"}", root).data().path("id").asText();
            assertThat(c.expect(200, "GET", "/v1/admin/organizations/" + adminOrg + "/invitations", null, root).data()).hasSize(1);
            assertThat(c.send("DELETE", "/v1/admin/organizations/" + adminOrg + "/invitations/" + inv, null, root).status()).isEqualTo(204);
            c.expect(200, "GET", "/v1/admin/webhooks?organization_id=" + adminOrg, null, root);
            c.error(422, "validation_failed", "POST", "/v1/admin/webhooks", "{\"organization_id\":\"" + adminOrg + "\",\"url\":\"ftp://x\","
                    + "\"events\":[\"*\"]}", root);
            // the audit query: start_date, end_date, action, page, limit → {events, pagination}
            var audit = c.expect(200, "GET", "/v1/admin/audit?organization_id=" + adminOrg + "&start_date=2000-01-01&end_date=2999-12-31"
                    + "&page=1&limit=2", null, root);
            assertThat(audit.json().path("events")).hasSize(2);
            JsonNode event = audit.json().path("events").get(0);
            hasFields(event, "id", "actor_type", "action", "resource_type", "ip_address", "created_at");
            hasFields(audit.json().path("pagination"), "page", "limit", "total");
            long total = audit.json().at("/pagination/total").asLong();
            assertThat(total).isGreaterThan(2);
            var page2 = c.expect(200, "GET", "/v1/admin/audit?organization_id=" + adminOrg + "&page=2&limit=2", null, root);
            assertThat(page2.json().path("events").get(0).path("id").asText()).isNotEqualTo(event.path("id").asText());
            assertThat(page2.json().at("/pagination/total").asLong()).isEqualTo(total);
            var actions = c.expect(200, "GET", "/v1/admin/audit?organization_id=" + adminOrg + "&action=member.added", null, root);
            assertThat(actions.json().path("events")).isNotEmpty().allSatisfy(e -> assertThat(e.path("action").asText())
                    .isEqualTo("member.added"));
            assertThat(c.expect(200, "GET", "/v1/admin/audit?organization_id=" + adminOrg + "&end_date=2000-01-01", null, root)
                    .json().at("/pagination/total").asLong()).isZero();
            c.error(422, "validation_failed", "GET", "/v1/admin/audit?organization_id=" + adminOrg + "&start_date=yesterday", null, root);
            assertThat(c.send("DELETE", "/v1/admin/users/" + user, null, root).status()).isEqualTo(204);
            assertThat(c.send("DELETE", "/v1/admin/organizations/" + adminOrg, null, root).status()).isEqualTo(204);
        } finally {
            server.close();
        }
    }
}
