package dev.gatehouse.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.TestClock;
import dev.gatehouse.core.approvals.RequestState;
import dev.gatehouse.core.authorization.ObjectRef;
import dev.gatehouse.core.authorization.Permissionship;
import dev.gatehouse.core.authorization.SubjectRef;
import dev.gatehouse.core.events.DomainEvent;
import dev.gatehouse.core.keys.ApiKey;
import dev.gatehouse.core.keys.ApiKeyStatus;
import dev.gatehouse.core.shared.AccessRequestId;
import dev.gatehouse.core.shared.ApiKeyId;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.WebhookId;
import dev.gatehouse.postgres.testing.TestPostgres;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.stream.Stream;

import static dev.gatehouse.bootstrap.LifecycleCascadeMatrixTest.Credential.ACCESS_TOKEN;
import static dev.gatehouse.bootstrap.LifecycleCascadeMatrixTest.Credential.GRANT;
import static dev.gatehouse.bootstrap.LifecycleCascadeMatrixTest.Credential.ORG_KEY;
import static dev.gatehouse.bootstrap.LifecycleCascadeMatrixTest.Credential.PENDING_REQUEST;
import static dev.gatehouse.bootstrap.LifecycleCascadeMatrixTest.Credential.PROJECT_KEY;
import static dev.gatehouse.bootstrap.LifecycleCascadeMatrixTest.Credential.SESSION;
import static dev.gatehouse.bootstrap.LifecycleCascadeMatrixTest.Credential.WEBHOOK;
import static dev.gatehouse.bootstrap.LifecycleCascadeMatrixTest.Outcome.KEEPS;
import static dev.gatehouse.bootstrap.LifecycleCascadeMatrixTest.Outcome.STOPS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lifecycle cascades × credential kinds (ADR 0018), over HTTP, on the embedded default and on
 * PostgreSQL with a second server on the same database. Each row builds a fresh organization holding
 * one of every credential kind, ends something, and checks every cell against the {@link #EXPECTED}
 * table: a cell that {@link Outcome#STOPS} is refused on the next request on the instance that ended it
 * and, within a second, on the other one (which had it cached), is visible as stopped with the cause
 * as its reason, and (keys, seats) gives its quota back; a cell that {@link Outcome#KEEPS} still works.
 */
class LifecycleCascadeMatrixTest {
    @RegisterExtension
    static final TestPostgres POSTGRES = new TestPostgres();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WITHIN = Duration.ofSeconds(1);
    private static final String ROOT_PASSWORD = "a long admin password";

    enum Cascade {
        ORG_DELETE("organization_deleted"), PROJECT_SOFT_DELETE("project_deleted"), PROJECT_PURGE("project_purged"),
        ENVIRONMENT_DELETE("environment_deleted"), USER_DEACTIVATE("user_deactivated"), MEMBER_REMOVE("member_removed");

        final String reason;

        Cascade(String reason) {
            this.reason = reason;
        }
    }

    enum Credential { ORG_KEY, PROJECT_KEY, SESSION, ACCESS_TOKEN, GRANT, PENDING_REQUEST, WEBHOOK }

    enum Outcome { STOPS, KEEPS }

    /**
     * The expected outcome of every cell. Keys belong to their organization or project, not to the
     * person who created them: deactivating a user or removing a member leaves them working. A session
     * belongs to the user: only deactivation ends it. The access-token column is the exchange of the
     * project key for a new token. The grant and the pending request are the member's, on the
     * environment. Webhook endpoints belong to the organization.
     */
    static final Map<Cascade, Map<Credential, Outcome>> EXPECTED = new EnumMap<>(Map.of(
            //                                       ORG_KEY       PROJECT_KEY       SESSION       ACCESS_TOKEN       GRANT       PENDING_REQUEST       WEBHOOK
            Cascade.ORG_DELETE, row(ORG_KEY, STOPS, PROJECT_KEY, STOPS, SESSION, KEEPS, ACCESS_TOKEN, STOPS, GRANT, STOPS, PENDING_REQUEST, STOPS, WEBHOOK, STOPS),
            Cascade.PROJECT_SOFT_DELETE, row(ORG_KEY, KEEPS, PROJECT_KEY, STOPS, SESSION, KEEPS, ACCESS_TOKEN, STOPS, GRANT, STOPS, PENDING_REQUEST, STOPS, WEBHOOK, KEEPS),
            Cascade.PROJECT_PURGE, row(ORG_KEY, KEEPS, PROJECT_KEY, STOPS, SESSION, KEEPS, ACCESS_TOKEN, STOPS, GRANT, STOPS, PENDING_REQUEST, STOPS, WEBHOOK, KEEPS),
            Cascade.ENVIRONMENT_DELETE, row(ORG_KEY, KEEPS, PROJECT_KEY, STOPS, SESSION, KEEPS, ACCESS_TOKEN, STOPS, GRANT, STOPS, PENDING_REQUEST, STOPS, WEBHOOK, KEEPS),
            Cascade.USER_DEACTIVATE, row(ORG_KEY, KEEPS, PROJECT_KEY, KEEPS, SESSION, STOPS, ACCESS_TOKEN, KEEPS, GRANT, STOPS, PENDING_REQUEST, STOPS, WEBHOOK, KEEPS),
            Cascade.MEMBER_REMOVE, row(ORG_KEY, KEEPS, PROJECT_KEY, KEEPS, SESSION, KEEPS, ACCESS_TOKEN, KEEPS, GRANT, STOPS, PENDING_REQUEST, STOPS, WEBHOOK, KEEPS)));

    private static Map<Credential, Outcome> row(Object... cells) {
        Map<Credential, Outcome> m = new EnumMap<>(Credential.class);
        for (int i = 0; i < cells.length; i += 2) {
            m.put((Credential) cells[i], (Outcome) cells[i + 1]);
        }
        assertThat(m.keySet()).as("every credential kind has an expected outcome").containsExactlyInAnyOrder(Credential.values());
        return m;
    }

    static Stream<Arguments> cells() {
        List<Arguments> out = new ArrayList<>();
        for (String store : List.of("memory", "postgres")) {
            for (Cascade c : Cascade.values()) {
                out.add(Arguments.of(store, c));
            }
        }
        return out.stream();
    }

    /** One or two servers per store, started once for all rows. */
    private static final Map<String, World> WORLDS = new HashMap<>();

    @AfterAll
    static void stop() {
        WORLDS.values().forEach(World::close);
    }

    private static World world(String store) {
        return WORLDS.computeIfAbsent(store, World::new);
    }

    private static JsonNode expect(HttpResponse<String> r, int status) throws Exception {
        assertThat(r.statusCode()).as(() -> r.request().method() + " " + r.request().uri() + " → " + r.body()).isEqualTo(status);
        return r.body().isEmpty() ? JSON.nullNode() : JSON.readTree(r.body());
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("cells")
    void everyCredentialBeneathStopsAtOnceOnEveryInstance(String store, Cascade cascade) throws Exception {
        World w = world(store);
        Fixture f = new Fixture(w);
        Map<Credential, Outcome> expected = EXPECTED.get(cascade);
        long keysBefore = w.used(f.org, "api_keys");
        long seatsBefore = w.used(f.org, "members");

        // the other instance has the keys and the session in use (cached) before the ending
        assertThat(w.authenticates(w.b, f.orgKey, f)).isTrue();
        assertThat(w.authenticates(w.b, f.projectKey, f)).isTrue();
        expect(w.b.get("/api/v1/me", f.aliceSession), 200);

        long ended = end(w, f, cascade);

        for (Credential c : Credential.values()) {
            Outcome o = expected.get(c);
            switch (c) {
                case ORG_KEY -> key(w, f, f.orgKey, f.orgKeyId, cascade, o, ended);
                case PROJECT_KEY -> key(w, f, f.projectKey, f.projectKeyId, cascade, o, ended);
                case SESSION -> {
                    int wanted = o == STOPS ? 401 : 200;
                    assertThat(w.a.get("/api/v1/me", f.aliceSession).statusCode()).as("session on the first instance")
                            .isEqualTo(wanted);
                    assertThat(within(ended, () -> status(w.b, "/api/v1/me", f.aliceSession), wanted))
                            .as("session on the other instance within %s", WITHIN).isEqualTo(wanted);
                }
                case ACCESS_TOKEN -> {
                    assertThat(w.a.post("/api/v1/auth/token", "{}", f.projectKey).statusCode())
                            .as("exchanging the project key for an access token").isEqualTo(o == STOPS ? 401 : 201);
                    // the token issued before the ending: introspection says inactive at once, on both instances
                    String body = "{\"token\":\"" + f.accessToken + "\"}";
                    assertThat(expect(w.a.post("/api/v1/auth/introspect", body, w.root), 200).path("active").asBoolean())
                            .as("the issued token is active (introspection on the first instance)").isEqualTo(o == KEEPS);
                    assertThat(expect(w.b.post("/api/v1/auth/introspect", body, w.root), 200).path("active").asBoolean())
                            .as("the issued token is active (introspection on the other instance)").isEqualTo(o == KEEPS);
                }
                case GRANT -> {
                    var state = w.ga.stores().approvals().accessRequests().byId(f.grant).orElseThrow().state();
                    assertThat(state).isInstanceOf(RequestState.Approved.class);
                    var approved = (RequestState.Approved) state;
                    boolean held = holds(w.ga, f) || holds(w.gb, f);
                    if (o == STOPS) {
                        assertThat(held).as("the grant's permission, on either instance").isFalse();
                        if (cascade != Cascade.PROJECT_PURGE) { // purged after the soft delete already revoked it
                            assertThat(approved.revokedAt()).as("grant revoked").isNotNull();
                            assertThat(w.event("access_grant.revoked", "access_request_id", f.grant.text()))
                                    .containsEntry("reason", cascade.reason);
                        }
                    } else {
                        assertThat(held).isTrue();
                        assertThat(approved.revokedAt()).isNull();
                    }
                }
                case PENDING_REQUEST -> {
                    var state = w.ga.stores().approvals().accessRequests().byId(f.pending).orElseThrow().state();
                    if (o == STOPS) {
                        assertThat(state).isInstanceOf(RequestState.Cancelled.class);
                        if (cascade != Cascade.PROJECT_PURGE) {
                            assertThat(w.event("access_request.cancelled", "access_request_id", f.pending.text()))
                                    .containsEntry("reason", cascade.reason);
                        }
                    } else {
                        assertThat(state).isInstanceOf(RequestState.Pending.class);
                    }
                }
                case WEBHOOK -> {
                    var endpoint = w.ga.stores().webhooks().endpoints().byId(f.webhook).orElseThrow();
                    if (o == STOPS) {
                        assertThat(endpoint.active()).as("webhook endpoint active").isFalse();
                        assertThat(endpoint.disabledReason()).isEqualTo(cascade.reason);
                    } else {
                        assertThat(endpoint.active()).as("webhook endpoint active").isTrue();
                    }
                }
            }
        }

        // quotas: every key that stopped gives its api_keys slot back; a member who left gives the seat back
        long keysStopped = Stream.of(ORG_KEY, PROJECT_KEY).filter(c -> expected.get(c) == STOPS).count();
        assertThat(w.used(f.org, "api_keys")).as("api_keys in use").isEqualTo(keysBefore - keysStopped);
        long seatsFreed = cascade == Cascade.USER_DEACTIVATE || cascade == Cascade.MEMBER_REMOVE ? 1 : 0;
        assertThat(w.used(f.org, "members")).as("seats in use").isEqualTo(seatsBefore - seatsFreed);
    }

    /** Ends the row's subject; returns when (nanoTime) it committed. */
    private static long end(World w, Fixture f, Cascade cascade) throws Exception {
        switch (cascade) {
            case ORG_DELETE -> expect(w.a.send("DELETE", "/api/v1/organizations/" + f.org, null, w.root), 204);
            case PROJECT_SOFT_DELETE -> expect(w.a.send("DELETE", "/api/v1/projects/" + f.project, null, w.root), 204);
            case PROJECT_PURGE -> {
                expect(w.a.send("DELETE", "/api/v1/projects/" + f.project, null, w.root), 204);
                w.clock.advance(Duration.ofDays(31));
                assertThat(w.ga.tenancy().purgeDeletedProjects().handle(Caller.system("test"), 100).value()).isPositive();
                assertThat(w.ga.stores().tenancy().projects().byId(dev.gatehouse.core.shared.ProjectId.parse(f.project).orElseThrow()))
                        .isEmpty();
                w.root = w.a.login("root@example.com", ROOT_PASSWORD); // 31 days later: sessions expired
                f.aliceSession = w.a.login(f.aliceEmail, f.alicePassword);
            }
            case ENVIRONMENT_DELETE -> expect(w.a.send("DELETE", "/api/v1/environments/" + f.environment, null, w.root), 204);
            case USER_DEACTIVATE -> expect(w.a.send("DELETE", "/api/v1/users/" + f.alice, null, w.root), 204);
            case MEMBER_REMOVE -> expect(w.a.send("DELETE", "/api/v1/organizations/" + f.org + "/members/" + f.alice, null,
                    w.root), 204);
        }
        return System.nanoTime();
    }

    private static void key(World w, Fixture f, String key, String keyId, Cascade cascade, Outcome o, long ended) throws Exception {
        String verified = expect(w.a.post("/api/v1/api-keys/verify", "{\"key\":\"" + key + "\"}", w.root), 200)
                .at("/data/code").asText();
        var stored = w.ga.stores().keys().apiKeys().byId(ApiKeyId.parse(keyId).orElseThrow());
        if (o == KEEPS) {
            assertThat(w.authenticates(w.a, key, f)).as("key authenticates").isTrue();
            assertThat(verified).isEqualTo("VALID");
            assertThat(stored.orElseThrow().status()).isEqualTo(ApiKeyStatus.ACTIVE);
            return;
        }
        assertThat(w.authenticates(w.a, key, f)).as("key refused on the instance that ended it").isFalse();
        assertThat(within(ended, () -> status(w.b, "/api/v1/me", key), 401))
                .as("key refused on the other instance within %s", WITHIN).isEqualTo(401);
        if (cascade == Cascade.PROJECT_PURGE) {
            assertThat(verified).isEqualTo("NOT_FOUND");
            assertThat(stored).as("purged with its project").isEmpty();
            return;
        }
        assertThat(verified).isEqualTo("REVOKED");
        ApiKey k = stored.orElseThrow();
        assertThat(k.status()).isEqualTo(ApiKeyStatus.REVOKED);
        assertThat(k.revokedReason()).isEqualTo(cascade.reason);
        assertThat(w.event("api_key.revoked", "api_key_id", keyId)).containsEntry("reason", cascade.reason);
        if (cascade != Cascade.ORG_DELETE) { // listed with its project, as revoked with the reason
            JsonNode listed = expect(w.a.get("/api/v1/api-keys/" + keyId, w.root), 200);
            assertThat(listed.at("/data/status").asText()).isEqualTo("revoked");
            assertThat(listed.at("/data/revoked_reason").asText()).isEqualTo(cascade.reason);
        }
    }

    private static boolean holds(Gatehouse g, Fixture f) {
        return g.platform().authorizer().check(new ObjectRef("environment", f.environment), "environments_write",
                SubjectRef.of("user", f.alice)).value() == Permissionship.HAS_PERMISSION;
    }

    private static int status(Http on, String path, String token) {
        try {
            return on.get(path, token).statusCode();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Polls until the status is {@code wanted} or a second has passed since {@code since}; the last status. */
    private static int within(long since, IntSupplier status, int wanted) {
        long deadline = since + WITHIN.toNanos();
        int s;
        do {
            s = status.getAsInt();
        } while (s != wanted && System.nanoTime() < deadline);
        return s;
    }

    /** The servers of one store: A ends things, B (on PostgreSQL a second server on the same database) watches. */
    static final class World implements AutoCloseable {
        final TestClock clock = new TestClock(Instant.now());
        final EmbeddedServer serverA;
        final EmbeddedServer serverB;
        final Http a;
        final Http b;
        final Gatehouse ga;
        final Gatehouse gb;
        String root;

        World(String store) {
            try {
                ServerConfig config = TestServers.config(store, POSTGRES);
                Map<String, Object> props = Map.of("gatehouse.admin.email", "root@example.com",
                        "gatehouse.admin.password", ROOT_PASSWORD, "gatehouse.webhooks.allow-http", true,
                        "gatehouse.webhooks.allow-cidrs", "127.0.0.0/8");
                serverA = GatehouseServer.start(config, props, clock);
                serverB = store.equals("memory") ? serverA : GatehouseServer.start(config, props, clock);
                a = new Http(serverA.getURL().toString());
                b = new Http(serverB.getURL().toString());
                ga = serverA.getApplicationContext().getBean(Gatehouse.class);
                gb = serverB.getApplicationContext().getBean(Gatehouse.class);
                root = a.login("root@example.com", ROOT_PASSWORD);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        /** Whether the bearer authenticates at all (anything but 401): reading its own organization's project. */
        boolean authenticates(Http on, String token, Fixture f) throws Exception {
            return on.get("/api/v1/projects/" + f.project, token).statusCode() != 401;
        }

        long used(String org, String feature) {
            return ga.stores().entitlements().usageLedger().used(OrganizationId.parse(org).orElseThrow(), feature, Instant.EPOCH);
        }

        /** The data of the last event of the type whose {@code field} is {@code value}. */
        Map<String, Object> event(String type, String field, String value) {
            List<DomainEvent> found = ga.stores().platform().eventOutbox().after(null, 1_000_000).stream()
                    .filter(e -> e.type().equals(type) && value.equals(e.data().get(field))).toList();
            assertThat(found).as("%s for %s", type, value).isNotEmpty();
            return found.get(found.size() - 1).data();
        }

        @Override
        public void close() {
            if (serverB != serverA) {
                serverB.getApplicationContext().close();
            }
            serverA.getApplicationContext().close();
        }
    }

    /** A fresh organization with one of every credential kind. */
    static final class Fixture {
        final String org;
        final String project;
        final String environment;
        final String orgKey;
        final String orgKeyId;
        final String projectKey;
        final String projectKeyId;
        /** An access token exchanged for the project key before the ending. */
        final String accessToken;
        final String alice;
        final String aliceEmail;
        final String alicePassword = "alice's long password";
        String aliceSession;
        final AccessRequestId grant;
        final AccessRequestId pending;
        final WebhookId webhook;

        Fixture(World w) throws Exception {
            Http h = w.a;
            String root = w.root;
            String suffix = Long.toString(System.nanoTime(), 36);
            org = expect(h.post("/api/v1/organizations", "{\"name\":\"Cascade " + suffix + "\"}", root), 201).at("/data/id").asText();
            project = expect(h.post("/api/v1/projects", "{\"organization_id\":\"" + org + "\",\"name\":\"Web\"}", root), 201)
                    .at("/data/id").asText();
            String staging = null;
            for (JsonNode e : expect(h.get("/api/v1/projects/" + project + "/environments", root), 200).path("data")) {
                if (e.path("name").asText().equals("staging")) {
                    staging = e.path("id").asText();
                }
            }
            environment = staging;
            assertThat(environment).startsWith("env_");
            JsonNode ok = expect(h.post("/api/v1/api-keys", "{\"organization_id\":\"" + org
                    + "\",\"name\":\"org\",\"scopes\":[\"projects:read\"]}", root), 201);
            orgKey = ok.at("/data/key").asText();
            orgKeyId = ok.at("/data/id").asText();
            JsonNode pk = expect(h.post("/api/v1/projects/" + project + "/api-keys",
                    "{\"name\":\"staging\",\"environment\":\"staging\",\"scopes\":[\"projects:read\"]}", root), 201);
            projectKey = pk.at("/data/key").asText();
            projectKeyId = pk.at("/data/id").asText();
            accessToken = expect(h.post("/api/v1/auth/token", "{}", projectKey), 201).at("/data/access_token").asText();
            JsonNode active = expect(h.post("/api/v1/auth/introspect", "{\"token\":\"" + accessToken + "\"}", root), 200);
            assertThat(active.path("active").asBoolean()).as(active.toString()).isTrue();
            assertThat(active.path("sub").asText()).isEqualTo(projectKeyId);

            aliceEmail = "alice-" + suffix + "@example.com";
            alice = expect(h.post("/api/v1/users", "{\"email\":\"" + aliceEmail + "\",\"password\":\"" + alicePassword
                    + "\",\"name\":\"Alice\"}", root), 201).at("/data/id").asText();
            expect(h.post("/api/v1/organizations/" + org + "/members", "{\"user_id\":\"" + alice + "\",\"role\":\"member\"}",
                    root), 201);
            aliceSession = h.login(aliceEmail, alicePassword);

            // a grant (approved at once by policy) and a pending request, both alice's, on the environment
            expect(h.post("/api/v1/policies", "{\"organization_id\":\"" + org + "\",\"name\":\"auto\",\"resource_type\":"
                    + "\"environment\",\"requested_permission\":\"environments:write\",\"auto_approve\":true,"
                    + "\"max_duration_minutes\":120}", root), 201);
            String wf = expect(h.post("/api/v1/workflows", "{\"organization_id\":\"" + org + "\",\"name\":\"wf\",\"stages\":"
                    + "[{\"organization_role\":\"admin\"}]}", root), 201).at("/data/id").asText();
            expect(h.post("/api/v1/policies", "{\"organization_id\":\"" + org + "\",\"name\":\"reviewed\",\"resource_type\":"
                    + "\"environment\",\"requested_permission\":\"projects:write\",\"workflow_id\":\"" + wf
                    + "\",\"max_duration_minutes\":120}", root), 201);
            JsonNode granted = expect(h.post("/api/v1/access-requests", "{\"resource_type\":\"environment\",\"resource_id\":\""
                    + environment + "\",\"permission\":\"environments:write\",\"duration_minutes\":60,\"reason\":\"deploy\"}",
                    aliceSession), 201);
            assertThat(granted.at("/data/status").asText()).isEqualTo("approved");
            grant = AccessRequestId.parse(granted.at("/data/id").asText()).orElseThrow();
            JsonNode asked = expect(h.post("/api/v1/access-requests", "{\"resource_type\":\"environment\",\"resource_id\":\""
                    + environment + "\",\"permission\":\"projects:write\",\"duration_minutes\":60,\"reason\":\"rename\"}",
                    aliceSession), 201);
            assertThat(asked.at("/data/status").asText()).isEqualTo("pending");
            pending = AccessRequestId.parse(asked.at("/data/id").asText()).orElseThrow();
            assertThat(holds(w.ga, this)).as("the grant works before the ending").isTrue();

            // events nobody fires in these tests: no delivery attempt can disable the endpoint by itself
            webhook = WebhookId.parse(expect(h.post("/api/v1/webhooks", "{\"organization_id\":\"" + org
                    + "\",\"url\":\"http://127.0.0.1:9/hooks\",\"events\":[\"entitlement.overridden\"]}", root), 201)
                    .at("/data/id").asText()).orElseThrow();
        }
    }
}
