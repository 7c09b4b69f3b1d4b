package dev.gatehouse.bootstrap;

import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.authorization.ObjectRef;
import dev.gatehouse.core.authorization.PermissionCatalog;
import dev.gatehouse.core.authorization.Relationship;
import dev.gatehouse.core.authorization.RelationshipUpdate;
import dev.gatehouse.core.authorization.SubjectRef;
import dev.gatehouse.core.keys.ApiKey;
import dev.gatehouse.core.keys.ApiKeySecret;
import dev.gatehouse.core.keys.ApiKeyStatus;
import dev.gatehouse.core.shared.ApiKeyId;
import dev.gatehouse.core.shared.EnvironmentId;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.ProjectId;
import dev.gatehouse.postgres.testing.TestPostgres;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a principal whose reach is a project or an environment may do, end to end on both stores:
 * organization-level resources (webhooks, role assignments, ...) are decided on the organization, so
 * an environment key never reaches them whatever its scopes (403 naming the scope in its own
 * organization, 404 in another), and a project admin hands out no roles; keys are never created with
 * scopes their creator lacks or that grant nothing (422 naming them); an environment key does its
 * natural job (its project, its environment's keys, {@code /me}).
 */
class ScopeReachFlowTest {
    @RegisterExtension
    static final TestPostgres POSTGRES = new TestPostgres();

    private static final Pattern DEVELOPMENT = Pattern.compile("\"id\"\\s*:\\s*\"(env_[0-9a-z]+)\"[^}]*\"name\"\\s*:\\s*\"development\"");

    private static void expect(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(() -> r.request().method() + " " + r.request().uri() + " → " + r.body()).isEqualTo(status);
    }

    /** Two organizations; in "Acme" Vic is a viewer made admin of project Web, Mia a member; Acme has a webhook with one delivery. */
    private record World(String suffix, EmbeddedServer server, Http http, String root, String owner, String vic, String vicId, String miaId,
                         String org, String project, String development, String webhook, String delivery,
                         String otherOrg, String otherWebhook) implements AutoCloseable {
        @Override
        public void close() {
            server.getApplicationContext().close();
        }

        Gatehouse gatehouse() {
            return server.getApplicationContext().getBean(Gatehouse.class);
        }
    }

    /** Users are named per world: a store's database may be shared by the tests of a class. */
    private static String user(Http http, String root, String name) throws Exception {
        var r = http.post("/api/v1/users", "{\"email\":\"" + name + "@example.com\",\"password\":\"the long password of " + name
                + "\",\"name\":\"" + name + "\"}", root);
        expect(r, 201);
        return Http.field(r.body(), "id");
    }

    private static String emailOf(World w, String name) {
        return name + w.suffix() + "@example.com";
    }

    private static String passwordOf(World w, String name) {
        return "the long password of " + name + w.suffix();
    }

    private static String created(HttpResponse<String> r) {
        expect(r, 201);
        return Http.field(r.body(), "id");
    }

    private static World world(String store) throws Exception {
        EmbeddedServer server = GatehouseServer.start(TestServers.config(store, POSTGRES)
                        .withWebhooks(new ServerConfig.Webhooks(false, 32, true, "127.0.0.0/8")),
                Map.of("gatehouse.admin.email", "root@example.com", "gatehouse.admin.password", "a long admin password"));
        Http http = new Http(server.getURL().toString());
        String root = http.login("root@example.com", "a long admin password");
        String n = Long.toString(System.nanoTime(), 36);
        user(http, root, "olga" + n);
        String vicId = user(http, root, "vic" + n);
        String miaId = user(http, root, "mia" + n);
        user(http, root, "otto" + n);
        String owner = http.login("olga" + n + "@example.com", "the long password of olga" + n);
        String vic = http.login("vic" + n + "@example.com", "the long password of vic" + n);
        String org = created(http.post("/api/v1/organizations", "{\"name\":\"Acme\"}", owner));
        expect(http.post("/api/v1/organizations/" + org + "/members", "{\"user_id\":\"" + vicId + "\",\"role\":\"viewer\"}", owner), 201);
        expect(http.post("/api/v1/organizations/" + org + "/members", "{\"user_id\":\"" + miaId + "\",\"role\":\"member\"}", owner), 201);
        String project = created(http.post("/api/v1/projects", "{\"organization_id\":\"" + org + "\",\"name\":\"Web\"}", owner));
        var envs = http.get("/api/v1/projects/" + project + "/environments", owner).body();
        var dev = DEVELOPMENT.matcher(envs);
        assertThat(dev.find()).as(envs).isTrue();
        created(http.post("/api/v1/role-assignments", "{\"role_id\":\"admin\",\"user_id\":\"" + vicId
                + "\",\"resource\":{\"type\":\"project\",\"id\":\"" + project + "\"}}", owner));
        String webhook = created(http.post("/api/v1/webhooks", "{\"organization_id\":\"" + org
                + "\",\"url\":\"http://127.0.0.1:9/hook\",\"events\":[\"*\"]}", owner));
        var tested = http.post("/api/v1/webhooks/" + webhook + "/test", "{}", owner);
        expect(tested, 200);
        String otto = http.login("otto" + n + "@example.com", "the long password of otto" + n);
        String otherOrg = created(http.post("/api/v1/organizations", "{\"name\":\"Other\"}", otto));
        String otherWebhook = created(http.post("/api/v1/webhooks", "{\"organization_id\":\"" + otherOrg
                + "\",\"url\":\"http://127.0.0.1:9/other\",\"events\":[\"*\"]}", otto));
        return new World(n, server, http, root, owner, vic, vicId, miaId, org, project, dev.group(1), webhook,
                Http.field(tested.body(), "delivery_id"), otherOrg, otherWebhook);
    }

    /**
     * An environment key as one issued before keys were checked against what they can reach: it holds
     * {@code scopes} (webhooks ones included) in its row and in its per-key role.
     */
    private static String legacyEnvironmentKey(World w, Set<String> scopes) {
        var ports = w.gatehouse().platform();
        ApiKeySecret secret = ApiKeySecret.generate(ports.ids(), false);
        ApiKey key = new ApiKey(new ApiKeyId(ports.ids().newId()), OrganizationId.parse(w.org()).orElseThrow(),
                ProjectId.parse(w.project()).orElseThrow(), EnvironmentId.parse(w.development()).orElseThrow(), "legacy",
                scopes, secret.hash(), secret.displayPrefix(), null, null, w.vicId(), ports.clock().instant(), null,
                ApiKeyStatus.ACTIVE, null, null, null, 0);
        ObjectRef role = new ObjectRef("role", key.id().text());
        ObjectRef binding = new ObjectRef("role_binding", key.id().text());
        List<RelationshipUpdate> updates = new ArrayList<>();
        for (String scope : scopes) {
            updates.add(RelationshipUpdate.touch(Relationship.of(role, PermissionCatalog.byScope(scope).orElseThrow().permission(),
                    SubjectRef.wildcard("api_key"))));
        }
        updates.add(RelationshipUpdate.touch(Relationship.of(binding, "role", SubjectRef.of(role))));
        updates.add(RelationshipUpdate.touch(Relationship.of(binding, "subject", SubjectRef.of("api_key", key.id().text()))));
        updates.add(RelationshipUpdate.touch(Relationship.of(new ObjectRef("environment", w.development()), "binding",
                SubjectRef.of(binding))));
        ports.transactions().inTransaction(() -> {
            w.gatehouse().stores().keys().apiKeys().add(key);
            assertThat(ports.authorizer().write(updates).isOk()).isTrue();
            return null;
        });
        return secret.reveal();
    }

    private static void forbiddenNaming(HttpResponse<String> r, String scope) {
        expect(r, 403);
        assertThat(r.body()).contains("\"access_denied\"").contains("\"required_scope\":\"" + scope + "\"");
    }

    @OnEveryStore
    void anEnvironmentKeyNeverReachesTheOrganizationsWebhooks(String store) throws Exception {
        try (World w = world(store)) {
            Http http = w.http();
            String key = legacyEnvironmentKey(w, Set.of("webhooks:read", "webhooks:write", "webhooks:delete", "projects:read"));
            String hook = "/api/v1/webhooks/" + w.webhook();
            forbiddenNaming(http.get("/api/v1/webhooks", key), "webhooks:read");
            forbiddenNaming(http.get(hook, key), "webhooks:read");
            forbiddenNaming(http.send("PATCH", hook, "{\"url\":\"http://127.0.0.1:9/evil\"}", key), "webhooks:write");
            forbiddenNaming(http.post(hook + "/rotate-secret", "{}", key), "webhooks:write");
            forbiddenNaming(http.get(hook + "/deliveries", key), "webhooks:read");
            forbiddenNaming(http.post(hook + "/deliveries/" + w.delivery() + "/retry", "{}", key), "webhooks:write");
            forbiddenNaming(http.post(hook + "/replay", "{\"since\":\"2020-01-01T00:00:00Z\"}", key), "webhooks:write");
            forbiddenNaming(http.post(hook + "/test", "{}", key), "webhooks:write");
            forbiddenNaming(http.post("/api/v1/webhooks", "{\"url\":\"http://127.0.0.1:9/evil\",\"events\":[\"*\"]}", key),
                    "webhooks:write");
            forbiddenNaming(http.send("DELETE", hook, null, key), "webhooks:delete");
            // another tenant's endpoint reveals nothing: not found, as for any id outside the key's tenant (reach before scope)
            var foreign = http.get("/api/v1/webhooks/" + w.otherWebhook(), key);
            expect(foreign, 404);
            assertThat(foreign.body()).doesNotContain(w.otherWebhook()).doesNotContain(w.otherOrg());
            // the endpoint is untouched and still there for the owner
            var still = http.get(hook, w.owner());
            expect(still, 200);
            assertThat(still.body()).contains("127.0.0.1:9/hook");
            // the same holds for every other organization-level resource
            forbiddenNaming(http.get("/api/v1/organizations/" + w.org(), key), "organizations:read");
        }
    }

    @OnEveryStore
    void aProjectAdminHandsOutNoRoles(String store) throws Exception {
        try (World w = world(store)) {
            var assigned = w.http().post("/api/v1/role-assignments", "{\"role_id\":\"viewer\",\"user_id\":\"" + w.miaId()
                    + "\",\"resource\":{\"type\":\"project\",\"id\":\"" + w.project() + "\"}}", w.vic());
            forbiddenNaming(assigned, "roles:write");
        }
    }

    private static void invalidScopes(HttpResponse<String> r, String... named) {
        expect(r, 422);
        assertThat(r.body()).contains("\"validation_failed\"").contains("\"scopes\"");
        for (String scope : named) {
            assertThat(r.body()).contains(scope);
        }
    }

    @OnEveryStore
    void keysCarryNoScopeTheirCreatorLacksOrThatGrantsNothing(String store) throws Exception {
        try (World w = world(store)) {
            Http http = w.http();
            String keys = "/api/v1/projects/" + w.project() + "/api-keys";
            // the scope escape's way in: a project admin's environment key with webhook scopes
            invalidScopes(http.post(keys, "{\"name\":\"k\",\"environment\":\"development\",\"scopes\":[\"webhooks:read\","
                    + "\"webhooks:write\",\"webhooks:delete\",\"projects:read\"]}", w.vic()), "webhooks:read", "webhooks:write",
                    "webhooks:delete");
            // reserved scopes grant nothing on any key, even the owner's or a platform admin's (`entitlements:write` is
            // seed 001's name for recording usage and is stored as `usage:write`, ADR 32: it never grants overrides)
            invalidScopes(http.post(keys, "{\"name\":\"k\",\"environment\":\"development\",\"scopes\":[\"plan:write\"]}",
                    w.owner()), "plan:write");
            var aliased = http.post(keys, "{\"name\":\"k\",\"environment\":\"development\",\"scopes\":[\"entitlements:write\"]}",
                    w.owner());
            expect(aliased, 201);
            assertThat(aliased.body()).contains("\"scopes\":[\"usage:write\"]").doesNotContain("entitlements:write");
            invalidScopes(http.post("/api/v1/api-keys", "{\"organization_id\":\"" + w.org() + "\",\"name\":\"k\","
                    + "\"scopes\":[\"plan:write\",\"entitlements:write\",\"projects:read\"]}", w.root()), "plan:write");
            // a scope the creator does not hold on the key's environment
            String mia = http.login(emailOf(w, "mia"), passwordOf(w, "mia"));
            invalidScopes(http.post(keys, "{\"name\":\"k\",\"environment\":\"development\",\"scopes\":[\"api-keys:read\","
                    + "\"api-keys:verify\"]}", mia), "api-keys:verify");
            // what a member may give: created, and the default scopes are the reads an environment key can use
            var fine = http.post(keys, "{\"name\":\"k\",\"environment\":\"development\"}", mia);
            expect(fine, 201);
            assertThat(fine.body()).contains("\"projects:read\"").contains("\"api-keys:read\"").doesNotContain("webhooks:read")
                    .doesNotContain("audit:read");
        }
    }

    @OnEveryStore
    void anEnvironmentKeyDoesItsNaturalJob(String store) throws Exception {
        try (World w = world(store)) {
            Http http = w.http();
            String keys = "/api/v1/projects/" + w.project() + "/api-keys";
            var issued = http.post(keys, "{\"name\":\"svc\",\"environment\":\"development\",\"scopes\":[\"projects:read\","
                    + "\"environments:read\",\"api-keys:read\",\"api-keys:verify\",\"entitlements:read\"]}", w.owner());
            expect(issued, 201);
            String key = Http.field(issued.body(), "key");
            String keyId = Http.field(issued.body(), "id");
            var sibling = http.post(keys, "{\"name\":\"sibling\",\"environment\":\"development\",\"scopes\":[\"projects:read\"]}",
                    w.owner());
            expect(sibling, 201);
            var production = http.post(keys, "{\"name\":\"prod\",\"environment\":\"production\",\"scopes\":[\"projects:read\"]}",
                    w.owner());
            expect(production, 201);

            var project = http.get("/api/v1/projects/" + w.project(), key);
            expect(project, 200);
            assertThat(project.body()).contains(w.project());
            expect(http.get("/api/v1/projects/" + w.project() + "/environments", key), 200);
            var listed = http.get(keys, key);
            expect(listed, 200);
            assertThat(listed.body()).contains(keyId).contains(Http.field(sibling.body(), "id"))
                    .doesNotContain(Http.field(production.body(), "id"));
            expect(http.get("/api/v1/api-keys/" + Http.field(sibling.body(), "id"), key), 200);
            expect(http.get("/api/v1/api-keys/" + Http.field(production.body(), "id"), key), 404);
            // verify: keys of its own environment only
            var own = http.post("/api/v1/api-keys/verify", "{\"key\":\"" + Http.field(sibling.body(), "key") + "\"}", key);
            expect(own, 200);
            assertThat(own.body()).contains("\"VALID\"");
            var other = http.post("/api/v1/api-keys/verify", "{\"key\":\"" + Http.field(production.body(), "key") + "\"}", key);
            expect(other, 200);
            assertThat(other.body()).contains("\"NOT_FOUND\"");
            expect(http.get("/api/v1/entitlements/check?feature=api_calls", key), 200);
            // a scope it does not hold, and an organization-level route: 403 naming the scope
            forbiddenNaming(http.send("PATCH", "/api/v1/projects/" + w.project(), "{\"name\":\"x\"}", key), "projects:write");
            forbiddenNaming(http.get("/api/v1/api-keys?organization_id=" + w.org(), key), "api-keys:read");
            // what it is
            var me = http.get("/api/v1/me", key);
            expect(me, 200);
            assertThat(me.body()).contains("\"kind\":\"api_key\"").contains("\"id\":\"" + keyId + "\"")
                    .contains("\"organization_id\":\"" + w.org() + "\"").contains("\"environment_id\":\"" + w.development() + "\"")
                    .contains("\"reaches\"").contains("\"entitlements:read\"");
        }
    }
}
