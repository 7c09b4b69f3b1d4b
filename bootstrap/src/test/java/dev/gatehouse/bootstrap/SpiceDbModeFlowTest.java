package dev.gatehouse.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.core.authorization.Authorizer;
import dev.gatehouse.core.authorization.ObjectRef;
import dev.gatehouse.core.authorization.OutboxAuthorizer;
import dev.gatehouse.core.authorization.Permissionship;
import dev.gatehouse.core.authorization.RelationshipOutbox;
import dev.gatehouse.core.authorization.SubjectRef;
import dev.gatehouse.core.shared.Result;
import dev.gatehouse.postgres.testing.TestPostgres;
import dev.gatehouse.spicedb.testing.Eventually;
import dev.gatehouse.spicedb.testing.SpiceDbFront;
import io.micronaut.inject.qualifiers.Qualifiers;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SpiceDB mode against the real engine: one server over PostgreSQL, configured as
 * {@code GATEHOUSE_SPICEDB_ENDPOINT} configures it, pointing at SpiceDB v1.54.0 behind the gRPC front
 * ({@link SpiceDbFront}); every permission question of the flows below is answered by SpiceDB, every
 * relationship reaches it through the relationship outbox (ADR 8).
 *
 * <p>Writes reach SpiceDB after the relay's next run, so a step that must see an earlier one waits
 * until the outbox is drained ({@link #replicated()}), as a client would retry. The server's clock is
 * {@link #BEHIND} behind the real one so that a one-minute grant ends in SpiceDB, which expires
 * relationships by its own clock, {@code 60 s - BEHIND} after it is approved.
 */
class SpiceDbModeFlowTest {
    @RegisterExtension
    static final TestPostgres POSTGRES = new TestPostgres();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration BEHIND = Duration.ofSeconds(40);
    private static final String PASSWORD = "a long password of theirs";

    private static SpiceDbFront front;
    private static EmbeddedServer server;
    private static Http http;
    private static String root;
    private static Authorizer spiceDb;

    @BeforeAll
    static void start() throws Exception {
        front = SpiceDbFront.start();
        ServerConfig.SpiceDb endpoint = new ServerConfig.SpiceDb(front.endpoint(),
                Optional.of("gatehouse-test-" + UUID.randomUUID()), true);
        ServerConfig config = new ServerConfig(TestServers.config("postgres", POSTGRES).database(), 0, Optional.of(endpoint));
        server = GatehouseServer.start(config, Map.of(
                        "gatehouse.admin.email", RunningServer.ADMIN_EMAIL, "gatehouse.admin.password", RunningServer.ADMIN_PASSWORD,
                        "gatehouse.outbox.relay-interval", "100ms",
                        // generous for a loaded machine (the schema write at start); an outage answers at once anyway
                        "gatehouse.spicedb.deadline", "30s"),
                Clock.offset(Clock.systemUTC(), BEHIND.negated()));
        http = new Http(server.getURL().toString());
        root = http.login(RunningServer.ADMIN_EMAIL, RunningServer.ADMIN_PASSWORD);
        spiceDb = server.getApplicationContext().getBean(Authorizer.class, Qualifiers.byName("spicedb"));
        assertThat(server.getApplicationContext().getBean(Authorizer.class)).isInstanceOf(OutboxAuthorizer.class);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.getApplicationContext().close();
        }
        if (front != null) {
            front.close();
        }
    }

    private static JsonNode expect(HttpResponse<String> r, int status) throws Exception {
        assertThat(r.statusCode()).as(() -> r.request().method() + " " + r.request().uri() + " → " + r.body()).isEqualTo(status);
        return r.body().isEmpty() ? JSON.nullNode() : JSON.readTree(r.body());
    }

    /** Waits until every relationship change committed so far has reached SpiceDB. */
    private static void replicated() {
        RelationshipOutbox outbox = server.getApplicationContext().getBean(RelationshipOutbox.class);
        Eventually.until("relayed to SpiceDB", () -> outbox.lag(Instant.now()).pending() == 0);
    }

    /** A new user's id and session token. */
    private static String[] user(String name) throws Exception {
        String email = name + "-" + UUID.randomUUID() + "@example.com";
        String id = expect(http.post("/api/v1/users", "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD
                + "\",\"name\":\"" + name + "\"}", root), 201).at("/data/id").asText();
        return new String[] {id, http.login(email, PASSWORD)};
    }

    private static String organization(String token, String name) throws Exception {
        return expect(http.post("/api/v1/organizations", "{\"name\":\"" + name + "\"}", token), 201).at("/data/id").asText();
    }

    private static String project(String token, String organization, String name) throws Exception {
        return expect(http.post("/api/v1/projects", "{\"organization_id\":\"" + organization + "\",\"name\":\"" + name + "\"}",
                token), 201).at("/data/id").asText();
    }

    private static void member(String organization, String userId, String role) throws Exception {
        expect(http.post("/api/v1/organizations/" + organization + "/members", "{\"user_id\":\"" + userId + "\",\"role\":\""
                + role + "\"}", root), 201);
    }

    private static Permissionship inSpiceDb(String resource, String permission, String userId) {
        Result<Permissionship> answer = spiceDb.check(ObjectRef.parse(resource), permission, SubjectRef.of("user", userId));
        assertThat(answer.isOk()).as("%s", answer).isTrue();
        return answer.value();
    }

    private static List<String> ids(JsonNode list) {
        List<String> ids = new ArrayList<>();
        list.at("/data").forEach(item -> ids.add(item.at("/id").asText()));
        return ids;
    }

    @Test
    void tenancyMembersProjectsEnvironmentsAndTheListsByReach() throws Exception {
        String[] alice = user("alice");
        String[] bob = user("bob");
        String[] carol = user("carol");
        String org = organization(alice[1], "Acme");
        replicated();
        assertThat(inSpiceDb("organization:" + org, "organizations_delete", alice[0])).isEqualTo(Permissionship.HAS_PERMISSION);
        expect(http.get("/api/v1/organizations/" + org, alice[1]), 200);
        expect(http.get("/api/v1/organizations/" + org, bob[1]), 404);

        member(org, bob[0], "member");
        String web = project(alice[1], org, "Web");
        replicated();
        expect(http.get("/api/v1/organizations/" + org, bob[1]), 200);
        expect(http.post("/api/v1/projects", "{\"organization_id\":\"" + org + "\",\"name\":\"Bob's\"}", bob[1]), 403);
        JsonNode environments = expect(http.get("/api/v1/projects/" + web + "/environments", bob[1]), 200);
        assertThat(environments.toString()).contains("\"production\"", "\"staging\"", "\"development\"");

        // the lists by reach (ADR 22), answered by SpiceDB's lookups
        assertThat(ids(expect(http.get("/api/v1/organizations", bob[1]), 200))).containsExactly(org);
        assertThat(ids(expect(http.get("/api/v1/projects?organization_id=" + org, bob[1]), 200))).containsExactly(web);
        assertThat(ids(expect(http.get("/api/v1/environments", bob[1]), 200))).hasSize(3);
        assertThat(ids(expect(http.get("/api/v1/organizations", carol[1]), 200))).isEmpty();
        assertThat(ids(expect(http.get("/api/v1/projects", carol[1]), 200))).isEmpty();
        assertThat(ids(expect(http.get("/api/v1/environments", carol[1]), 200))).isEmpty();

        expect(http.send("PATCH", "/api/v1/organizations/" + org + "/members/" + bob[0], "{\"role\":\"admin\"}", alice[1]), 200);
        replicated();
        String bobs = project(bob[1], org, "Bob's");
        replicated();
        assertThat(ids(expect(http.get("/api/v1/projects?organization_id=" + org, alice[1]), 200)))
                .containsExactlyInAnyOrder(web, bobs);

        expect(http.send("DELETE", "/api/v1/organizations/" + org + "/members/" + bob[0], null, alice[1]), 204);
        replicated();
        assertThat(inSpiceDb("project:" + web, "projects_read", bob[0])).isEqualTo(Permissionship.NO_PERMISSION);
        expect(http.get("/api/v1/projects/" + web, bob[1]), 404);
        expect(http.get("/api/v1/organizations/" + org, bob[1]), 404);
        assertThat(ids(expect(http.get("/api/v1/organizations", bob[1]), 200))).isEmpty();

        expect(http.send("DELETE", "/api/v1/projects/" + web, null, alice[1]), 204);
        expect(http.get("/api/v1/projects/" + web, alice[1]), 404);
        expect(http.post("/api/v1/projects/" + web + "/restore", "{}", alice[1]), 200);
        expect(http.get("/api/v1/projects/" + web, alice[1]), 200);
    }

    @Test
    void keysIssueVerifyWithScopesAndRevoke() throws Exception {
        String[] alice = user("alice");
        String org = organization(alice[1], "Keyed");
        replicated();
        String web = project(alice[1], org, "Web");
        replicated();

        JsonNode issued = expect(http.post("/api/v1/projects/" + web + "/api-keys", "{\"name\":\"deploy\",\"environment\":"
                + "\"production\",\"scopes\":[\"api-keys:read\",\"api-keys:verify\",\"projects:read\"]}", alice[1]), 201);
        String key = issued.at("/data/key").asText();
        String keyId = issued.at("/data/id").asText();
        JsonNode reader = expect(http.post("/api/v1/api-keys", "{\"organization_id\":\"" + org + "\",\"name\":\"reader\","
                + "\"scopes\":[\"projects:read\"]}", alice[1]), 201);
        String readerKey = reader.at("/data/key").asText();
        replicated();

        // what the scopes give, asked of SpiceDB
        expect(http.get("/api/v1/projects/" + web, key), 200);
        expect(http.get("/api/v1/api-keys/" + keyId, key), 200);
        expect(http.get("/api/v1/projects/" + web, readerKey), 200);
        assertThat(expect(http.post("/api/v1/projects", "{\"organization_id\":\"" + org + "\",\"name\":\"No\"}", readerKey), 403)
                .at("/required_scope").asText()).isEqualTo("projects:write");

        // verify: with api-keys:verify, a key of its own environment; without it, 403 naming the scope
        JsonNode verified = expect(http.post("/api/v1/api-keys/verify", "{\"key\":\"" + key + "\"}", key), 200);
        assertThat(verified.at("/data/code").asText()).isEqualTo("VALID");
        assertThat(verified.at("/data/scopes").toString()).contains("api-keys:verify", "projects:read");
        assertThat(expect(http.post("/api/v1/api-keys/verify", "{\"key\":\"" + key + "\"}", readerKey), 403)
                .at("/required_scope").asText()).isEqualTo("api-keys:verify");

        // revoke: refused at once, verify says so
        expect(http.send("DELETE", "/api/v1/api-keys/" + keyId, null, alice[1]), 204);
        expect(http.get("/api/v1/projects/" + web, key), 401);
        assertThat(expect(http.post("/api/v1/api-keys/verify", "{\"key\":\"" + key + "\"}", alice[1]), 200)
                .at("/data/code").asText()).isEqualTo("REVOKED");
    }

    @Test
    void anApprovedRequestGrantsAccessThatEndsInSpiceDbByItself() throws Exception {
        String[] manager = user("manager");
        String[] requester = user("requester");
        String org = organization(manager[1], "Approvals");
        replicated();
        String web = project(manager[1], org, "Web");
        member(org, requester[0], "member");
        String workflow = expect(http.post("/api/v1/workflows", "{\"organization_id\":\"" + org + "\",\"name\":\"wf\","
                + "\"stages\":[{\"name\":\"manager\",\"permission\":\"access_requests_approve\"}]}", manager[1]), 201)
                .at("/data/id").asText();
        expect(http.post("/api/v1/policies", "{\"organization_id\":\"" + org + "\",\"name\":\"projects\",\"resource_type\":"
                + "\"project\",\"workflow_id\":\"" + workflow + "\",\"max_duration_minutes\":60}", manager[1]), 201);
        replicated();
        String rename = "{\"name\":\"Renamed\"}";
        expect(http.send("PATCH", "/api/v1/projects/" + web, rename, requester[1]), 403);

        String request = expect(http.post("/api/v1/access-requests", "{\"resource_type\":\"project\",\"resource_id\":\"" + web
                + "\",\"role\":\"admin\",\"duration_minutes\":1,\"reason\":\"incident 7\"}", requester[1]), 201)
                .at("/data/id").asText();
        JsonNode approved = expect(http.post("/api/v1/access-requests/" + request + "/approve", "{}", manager[1]), 200);
        assertThat(approved.at("/data/grant/status").asText()).isEqualTo("active");
        replicated();
        // during: granted by SpiceDB (the grant ends 60 s - BEHIND after the approval, by SpiceDB's clock)
        expect(http.send("PATCH", "/api/v1/projects/" + web, rename, requester[1]), 200);

        // after: SpiceDB stops granting by itself
        Eventually.until("expired in SpiceDB",
                () -> inSpiceDb("project:" + web, "projects_write", requester[0]) == Permissionship.NO_PERMISSION);
        expect(http.send("PATCH", "/api/v1/projects/" + web, "{\"name\":\"Again\"}", requester[1]), 403);
        assertThat(inSpiceDb("project:" + web, "projects_read", requester[0])).isEqualTo(Permissionship.HAS_PERMISSION);
    }

    /**
     * The relationship outbox is lossless: the endpoint stops and comes back between writes; every
     * relationship committed meanwhile reaches SpiceDB, and requests that need SpiceDB during the
     * outage answer 503 at once.
     */
    @Test
    void writesDuringAnOutageReachSpiceDbWhenItIsBack() throws Exception {
        String[] owner = user("owner");
        String org = organization(owner[1], "Outage");
        replicated();
        String[] before = user("before");
        member(org, before[0], "member");

        List<String> during = new ArrayList<>();
        String project;
        front.stop();
        try {
            for (int i = 0; i < 3; i++) {
                String[] u = user("during" + i);
                member(org, u[0], i == 0 ? "admin" : "viewer");
                during.add(u[0]);
            }
            project = project(root, org, "Written while SpiceDB was down");
            long asked = System.nanoTime();
            JsonNode unavailable = expect(http.get("/api/v1/organizations/" + org, owner[1]), 503);
            assertThat(Duration.ofNanos(System.nanoTime() - asked)).as("no hang").isLessThan(Duration.ofSeconds(10));
            assertThat(unavailable.at("/status").asInt()).isEqualTo(503);
            assertThat(server.getApplicationContext().getBean(RelationshipOutbox.class).lag(Instant.now()).pending())
                    .as("kept, not lost").isGreaterThanOrEqualTo(4);
        } finally {
            front.restart();
        }
        String[] after = user("after");
        member(org, after[0], "member");
        replicated();

        assertThat(inSpiceDb("organization:" + org, "members_read", before[0])).isEqualTo(Permissionship.HAS_PERMISSION);
        assertThat(inSpiceDb("organization:" + org, "members_write", during.get(0))).isEqualTo(Permissionship.HAS_PERMISSION);
        for (String id : during) {
            assertThat(inSpiceDb("project:" + project, "projects_read", id)).as(id).isEqualTo(Permissionship.HAS_PERMISSION);
        }
        assertThat(inSpiceDb("organization:" + org, "members_write", during.get(1))).isEqualTo(Permissionship.NO_PERMISSION);
        assertThat(inSpiceDb("project:" + project, "projects_write", owner[0])).isEqualTo(Permissionship.HAS_PERMISSION);
        assertThat(inSpiceDb("organization:" + org, "members_read", after[0])).isEqualTo(Permissionship.HAS_PERMISSION);
        expect(http.get("/api/v1/organizations/" + org, owner[1]), 200);
    }
}
