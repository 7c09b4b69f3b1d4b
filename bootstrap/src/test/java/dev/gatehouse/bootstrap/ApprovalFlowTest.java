package dev.gatehouse.bootstrap;

import dev.gatehouse.core.testing.Race;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.TestClock;
import dev.gatehouse.core.events.DomainEvent;
import dev.gatehouse.postgres.testing.TestPostgres;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Just-in-time access end to end over HTTP, on the embedded default and on PostgreSQL, with the
 * server's clock in the test's hand: a two-stage workflow (peer, then manager) whose second stage
 * cannot act before the first passes; the grant really grants (403 before, 200 while it lasts, 403
 * after its expiry, recorded once by the job); racing approvals at the threshold make one transition
 * and one grant; an approval racing a cancellation has exactly one winner.
 */
class ApprovalFlowTest {
    @RegisterExtension
    static final TestPostgres POSTGRES = new TestPostgres();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROOT_PASSWORD = "a long admin password";
    private static final TestClock CLOCK = new TestClock(Instant.now());

    private static ServerConfig config(String store) {
        return TestServers.config(store, POSTGRES);
    }

    private static JsonNode expect(HttpResponse<String> r, int status) throws Exception {
        assertThat(r.statusCode()).as(() -> r.request().method() + " " + r.request().uri() + " → " + r.body()).isEqualTo(status);
        return r.body().isEmpty() ? JSON.nullNode() : JSON.readTree(r.body());
    }

    /** A server, an organization with a project, and users: root (owner), manager (admin), peers and a requester (members). */
    private static final class World implements AutoCloseable {
        final TestClock clock = CLOCK; // one clock for the class: it only moves forward, as the shared database expects
        final EmbeddedServer server;
        final Http http;
        final Gatehouse gatehouse;
        final String org;
        final String project;
        final Map<String, String> ids = new java.util.HashMap<>();
        final Map<String, String> tokens = new java.util.HashMap<>();
        String root;
        final String suffix = Long.toString(System.nanoTime(), 36);

        World(String store) throws Exception {
            server = GatehouseServer.start(config(store),
                    Map.of("gatehouse.admin.email", "root@example.com", "gatehouse.admin.password", ROOT_PASSWORD), clock);
            gatehouse = server.getApplicationContext().getBean(Gatehouse.class);
            http = new Http(server.getURL().toString());
            root = http.login("root@example.com", ROOT_PASSWORD);
            org = expect(http.post("/api/v1/organizations", "{\"name\":\"Approvals\"}", root), 201).at("/data/id").asText();
            project = expect(http.post("/api/v1/projects", "{\"organization_id\":\"" + org + "\",\"name\":\"Web\"}", root), 201)
                    .at("/data/id").asText();
            user("manager", "admin");
            user("peer", "member");
            user("peer2", "member");
            user("requester", "member");
        }

        void user(String name, String role) throws Exception {
            String id = expect(http.post("/api/v1/users", "{\"email\":\"" + name + suffix + "@example.com\",\"password\":\"" + name
                    + "'s long password\",\"name\":\"" + name + "\"}", root), 201).at("/data/id").asText();
            expect(http.post("/api/v1/organizations/" + org + "/members", "{\"user_id\":\"" + id + "\",\"role\":\"" + role + "\"}",
                    root), 201);
            ids.put(name, id);
            tokens.put(name, http.login(name + suffix + "@example.com", name + "'s long password"));
        }

        void relogin() throws Exception {
            root = http.login("root@example.com", ROOT_PASSWORD);
            for (String name : List.copyOf(tokens.keySet())) {
                tokens.put(name, http.login(name + suffix + "@example.com", name + "'s long password"));
            }
        }

        String token(String name) {
            return name.equals("root") ? root : tokens.get(name);
        }

        String workflow(String stagesJson) throws Exception {
            return expect(http.post("/api/v1/workflows", "{\"organization_id\":\"" + org + "\",\"name\":\"wf\",\"stages\":"
                    + stagesJson + "}", root), 201).at("/data/id").asText();
        }

        void policy(String workflow) throws Exception {
            expect(http.post("/api/v1/policies", "{\"organization_id\":\"" + org + "\",\"name\":\"projects\","
                    + "\"resource_type\":\"project\",\"workflow_id\":\"" + workflow + "\",\"max_duration_minutes\":120}", root), 201);
        }

        JsonNode submit(String role) throws Exception {
            return expect(http.post("/api/v1/access-requests", "{\"resource_type\":\"project\",\"resource_id\":\"" + project
                    + "\",\"role\":\"" + role + "\",\"duration_minutes\":60,\"reason\":\"incident 7\"}", token("requester")), 201);
        }

        HttpResponse<String> approve(String who, String request) throws Exception {
            return http.post("/api/v1/access-requests/" + request + "/approve", "{\"comment\":\"ok\"}", token(who));
        }

        long events(String type) {
            return gatehouse.stores().platform().eventOutbox().after(null, 100_000).stream()
                    .filter(e -> e.organizationId() != null && e.organizationId().text().equals(org))
                    .map(DomainEvent::type).filter(type::equals).count();
        }

        @Override
        public void close() {
            server.getApplicationContext().close();
        }
    }

    @OnEveryStore
    void peerThenManagerAndTheGrantEndsByItself(String store) throws Exception {
        try (World w = new World(store)) {
            Http http = w.http;
            String wf = w.workflow("[{\"name\":\"peer\",\"users\":[\"" + w.ids.get("peer") + "\",\"" + w.ids.get("peer2")
                    + "\"],\"required_approvals\":1},{\"name\":\"manager\",\"permission\":\"access_requests_approve\"}]");
            // without a policy: 422, said plainly
            JsonNode none = expect(http.post("/api/v1/access-requests", "{\"resource_type\":\"project\",\"resource_id\":\""
                    + w.project + "\",\"role\":\"admin\"}", w.token("requester")), 422);
            assertThat(none.at("/detail").asText()).contains("No approval policy");
            w.policy(wf);
            String rename = "{\"name\":\"Renamed\"}";

            // before: the requester may not change the project
            expect(http.send("PATCH", "/api/v1/projects/" + w.project, rename, w.token("requester")), 403);
            JsonNode submitted = w.submit("admin");
            String id = submitted.at("/data/id").asText();
            assertThat(id).startsWith("req_");
            assertThat(submitted.at("/data/status").asText()).isEqualTo("pending");
            assertThat(submitted.at("/data/current_stage").asInt()).isEqualTo(1);
            assertThat(submitted.at("/data/eligible_approvers").toString()).contains(w.ids.get("peer"), w.ids.get("peer2"))
                    .doesNotContain(w.ids.get("requester"), w.ids.get("manager"));

            // rules: the requester never approves; an approver_id naming someone else is 403; the manager waits for stage one
            expect(w.approve("requester", id), 403);
            expect(http.post("/api/v1/access-requests/" + id + "/approve", "{\"approver_id\":\"" + w.ids.get("peer2") + "\"}",
                    w.token("peer")), 403);
            expect(w.approve("manager", id), 403);
            JsonNode stageTwo = expect(w.approve("peer", id), 200);
            assertThat(stageTwo.at("/data/current_stage").asInt()).isEqualTo(2);
            assertThat(stageTwo.at("/data/decisions/0/approver_id").asText()).isEqualTo(w.ids.get("peer"));
            assertThat(stageTwo.at("/data/eligible_approvers").toString()).contains(w.ids.get("manager"))
                    .doesNotContain(w.ids.get("peer"));
            expect(w.approve("peer2", id), 403); // not a manager
            expect(http.send("PATCH", "/api/v1/projects/" + w.project, rename, w.token("requester")), 403);

            JsonNode approved = expect(w.approve("manager", id), 200);
            assertThat(approved.at("/data/status").asText()).isEqualTo("approved");
            assertThat(approved.at("/data/grant/status").asText()).isEqualTo("active");
            // during: it works
            expect(http.send("PATCH", "/api/v1/projects/" + w.project, rename, w.token("requester")), 200);
            JsonNode again = expect(w.approve("root", id), 409);
            assertThat(again.at("/current_state").asText()).isEqualTo("approved");

            // after: access ended by itself; the job records it once
            w.clock.advance(Duration.ofMinutes(61));
            w.relogin();
            expect(http.send("PATCH", "/api/v1/projects/" + w.project, "{\"name\":\"Again\"}", w.token("requester")), 403);
            assertThat(w.gatehouse.approvals().settle().run(100)).isEqualTo(1);
            assertThat(w.gatehouse.approvals().settle().run(100)).isZero();
            assertThat(w.events("access_grant.expired")).isEqualTo(1);
            assertThat(expect(http.get("/api/v1/access-requests/" + id, w.token("requester")), 200).at("/data/grant/status").asText())
                    .isEqualTo("expired");

            // the list, filtered
            JsonNode listed = expect(http.get("/api/v1/access-requests?organization_id=" + w.org + "&status=approved&requester="
                    + w.ids.get("requester"), w.root), 200);
            assertThat(listed.at("/meta/total").asInt()).isEqualTo(1);
            assertThat(w.events("access_request.submitted")).isEqualTo(1);
            assertThat(w.events("access_request.approved")).isEqualTo(1);
        }
    }

    @OnEveryStore
    void racesHaveOneWinner(String store) throws Exception {
        try (World w = new World(store)) {
            String wf = w.workflow("[{\"users\":[\"" + w.ids.get("peer") + "\",\"" + w.ids.get("peer2") + "\"]}]");
            w.policy(wf);
            int rounds = 5;
            for (int i = 0; i < rounds; i++) {
                String id = w.submit("admin").at("/data/id").asText();
                List<Integer> statuses = Race.all(() -> w.approve("peer", id).statusCode(), () -> w.approve("peer2", id).statusCode());
                assertThat(statuses).containsExactlyInAnyOrder(200, 409);
                JsonNode done = expect(w.http.get("/api/v1/access-requests/" + id, w.root), 200);
                assertThat(done.at("/data/decisions").size()).isEqualTo(1);
                expect(w.http.post("/api/v1/access-requests/" + id + "/revoke", "{\"reason\":\"next round\"}", w.token("requester")), 200);
            }
            assertThat(w.events("access_request.approved")).isEqualTo(rounds);
            assertThat(w.events("access_grant.revoked")).isEqualTo(rounds);

            for (int i = 0; i < rounds; i++) {
                String id = w.submit("admin").at("/data/id").asText();
                List<Integer> statuses = Race.all(() -> w.approve("peer", id).statusCode(),
                        () -> w.http.post("/api/v1/access-requests/" + id + "/cancel", "{}", w.token("requester")).statusCode());
                assertThat(statuses).containsOnlyOnce(200).contains(409);
                String status = expect(w.http.get("/api/v1/access-requests/" + id, w.root), 200).at("/data/status").asText();
                assertThat(status).isIn("approved", "cancelled");
                if (status.equals("approved")) {
                    expect(w.http.post("/api/v1/access-requests/" + id + "/revoke", "{}", w.token("manager")), 200);
                }
            }
            assertThat(w.events("access_request.approved") - rounds + w.events("access_request.cancelled")).isEqualTo(rounds);
        }
    }

    @OnEveryStore
    @SuppressWarnings("unchecked")
    void identicalSubmissionsAtOnceOpenOneRequest(String store) throws Exception {
        try (World w = new World(store)) {
            w.policy(w.workflow("[{\"users\":[\"" + w.ids.get("peer") + "\"]}]"));
            String body = "{\"resource_type\":\"project\",\"resource_id\":\"" + w.project
                    + "\",\"role\":\"admin\",\"duration_minutes\":60,\"reason\":\"incident 9\"}";
            Callable<Integer> submit = () -> w.http.post("/api/v1/access-requests", body, w.token("requester")).statusCode();
            List<Integer> statuses = Race.all(submit, submit, submit, submit, submit, submit);
            assertThat(statuses).containsOnlyOnce(201).containsOnly(201, 409);
            assertThat(w.events("access_request.submitted")).isEqualTo(1);
        }
    }

    @org.junit.jupiter.api.Test
    void badInputIsA4xxNeverA5xx() throws Exception {
        try (World w = new World("memory")) {
            Http http = w.http;
            String r = w.token("requester");
            // wrong id types and shapes: 404
            expect(http.get("/api/v1/access-requests/prj_nope", r), 404);
            expect(http.get("/api/v1/access-requests/" + w.project, r), 404);
            expect(http.post("/api/v1/access-requests/not-an-id/approve", "{}", r), 404);
            expect(http.get("/api/v1/workflows/pol_x", w.root), 404);
            expect(http.send("DELETE", "/api/v1/policies/wf_x", null, w.root), 404);
            // wrong types and values: 400/422 naming the field
            int wrongType = http.post("/api/v1/access-requests", "{\"resource_type\":\"project\",\"resource_id\":\"" + w.project
                    + "\",\"role\":\"admin\",\"duration_minutes\":\"soon\"}", r).statusCode();
            assertThat(wrongType).isBetween(400, 422);
            expect(http.post("/api/v1/access-requests", "{\"resource_type\":\"team\",\"resource_id\":\"x\",\"role\":\"admin\"}", r), 422);
            expect(http.post("/api/v1/access-requests", "{\"resource_type\":\"project\",\"resource_id\":\"" + w.project
                    + "\",\"role\":\"owner\"}", r), 422);
            expect(http.post("/api/v1/access-requests", "{\"resource_type\":\"project\",\"resource_id\":\"prj_x\",\"role\":\"admin\"}", r), 404);
            expect(http.post("/api/v1/access-requests", "{not json", r), 400);
            JsonNode stage = expect(http.post("/api/v1/workflows", "{\"organization_id\":\"" + w.org
                    + "\",\"name\":\"w\",\"stages\":[{\"users\":[\"nope\"],\"required_approvals\":0}]}", w.root), 422);
            assertThat(stage.at("/errors").toString()).contains("stages[0].users", "stages[0].required_approvals");
            expect(http.post("/api/v1/workflows", "{\"organization_id\":\"" + w.org + "\",\"name\":\"w\",\"stages\":[]}", w.root), 422);
            expect(http.post("/api/v1/policies", "{\"organization_id\":\"" + w.org + "\",\"name\":\"p\"}", w.root), 422);
            expect(http.post("/api/v1/policies", "{\"organization_id\":\"" + w.org + "\",\"name\":\"p\",\"auto_approve\":true,"
                    + "\"environment_kind\":\"moon\",\"requested_permission\":\"x:y\",\"max_duration_minutes\":0}", w.root), 422);
            // a member may read policies but not write them
            expect(http.get("/api/v1/policies?organization_id=" + w.org, r), 200);
            expect(http.post("/api/v1/policies", "{\"organization_id\":\"" + w.org + "\",\"name\":\"p\",\"auto_approve\":true}", r), 403);
            // a workflow in use cannot be deleted
            String wf = w.workflow("[{\"organization_role\":\"admin\"}]");
            w.policy(wf);
            expect(http.send("DELETE", "/api/v1/workflows/" + wf, null, w.root), 409);
        }
    }
}
