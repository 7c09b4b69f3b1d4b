package dev.gatehouse.bootstrap;

import dev.gatehouse.core.authorization.PermissionCatalog;
import io.micronaut.http.HttpMethod;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.web.router.Router;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every tenancy route × every role (owner, admin, member, viewer, outsider), on the server as
 * {@code serve} wires it. The routes come from Micronaut's router: a tenancy route without an entry
 * in {@link #CASES} fails {@link #everyTenancyRouteHasACase()}. What each role should get follows
 * from the route's scope and the catalog's least role: allowed → 2xx, a member without the scope →
 * 403, an outsider → 404 (another tenant's ids reveal nothing). Each case runs against a fresh
 * organization, so destructive routes cannot spoil the next case.
 */
class TenancyAccessMatrixTest {
    private static final List<String> PREFIXES = List.of("/api/v1/organizations", "/api/v1/projects",
            "/api/v1/environments", "/api/v1/invitations", "/api/v1/plans", "/api/v1/entitlements", "/api/v1/roles",
            "/api/v1/role-assignments", "/api/v1/users/{id}/roles", "/api/v1/access-requests", "/api/v1/workflows",
            "/api/v1/policies", "/api/v1/webhooks", "/api/v1/event-types");
    private static final List<String> ROLES = List.of("owner", "admin", "member", "viewer", "outsider");

    /** What a route needs: a scope of the catalog, or a special rule. */
    private record Case(String scopeOrRule, Function<Fixture, String> path, Function<Fixture, String> body,
                        boolean deleteProjectFirst) {
        static Case scope(String scope, Function<Fixture, String> path, Function<Fixture, String> body) {
            return new Case(scope, path, body, false);
        }
    }

    /**
     * One organization with every role, a project with its environments, a pending invitation, a custom
     * role ({@code audit:read}) and its assignment to the target member on the organization, the
     * approvals objects, and a webhook endpoint with one (test) delivery.
     */
    private record Fixture(String org, String project, String developmentEnvironment, String invitation, String token,
                           String role, String assignment, Approvals approvals, String webhook, String delivery) {
    }

    /**
     * A workflow used by the policy for project requests (one stage: access_requests_approve on the
     * resource), a spare workflow, an auto-approving policy for development environments, and two requests
     * by "target" (a member): one pending on the project, one approved on the development environment.
     */
    private record Approvals(String workflow, String spareWorkflow, String policy, String pending, String approved) {
    }

    private static final Map<String, String> users = new LinkedHashMap<>();
    private static final Map<String, String> tokens = new LinkedHashMap<>();
    private static final Map<String, Case> CASES = new LinkedHashMap<>();

    static {
        CASES.put("POST /api/v1/organizations", Case.scope("anyone", f -> "/api/v1/organizations", f -> "{\"name\":\"Another\"}"));
        CASES.put("GET /api/v1/organizations", Case.scope("anyone", f -> "/api/v1/organizations", f -> null));
        CASES.put("GET /api/v1/organizations/{id}", Case.scope("organizations:read", f -> "/api/v1/organizations/" + f.org(), f -> null));
        CASES.put("PATCH /api/v1/organizations/{id}", Case.scope("organizations:write", f -> "/api/v1/organizations/" + f.org(),
                f -> "{\"name\":\"Renamed\"}"));
        CASES.put("DELETE /api/v1/organizations/{id}", Case.scope("organizations:delete", f -> "/api/v1/organizations/" + f.org(), f -> null));
        CASES.put("GET /api/v1/organizations/{id}/members", Case.scope("members:read",
                f -> "/api/v1/organizations/" + f.org() + "/members", f -> null));
        CASES.put("POST /api/v1/organizations/{id}/members", Case.scope("members:write",
                f -> "/api/v1/organizations/" + f.org() + "/members", f -> "{\"user_id\":\"" + users.get("spare") + "\",\"role\":\"viewer\"}"));
        CASES.put("PATCH /api/v1/organizations/{id}/members/{user_id}", Case.scope("members:write",
                f -> "/api/v1/organizations/" + f.org() + "/members/" + users.get("target"), f -> "{\"role\":\"viewer\"}"));
        CASES.put("DELETE /api/v1/organizations/{id}/members/{user_id}", Case.scope("members:write",
                f -> "/api/v1/organizations/" + f.org() + "/members/" + users.get("target"), f -> null));
        CASES.put("GET /api/v1/organizations/{id}/invitations", Case.scope("members:read",
                f -> "/api/v1/organizations/" + f.org() + "/invitations", f -> null));
        CASES.put("POST /api/v1/organizations/{id}/invitations", Case.scope("members:write",
                f -> "/api/v1/organizations/" + f.org() + "/invitations", f -> "{\"email\":\"new@example.com\",\"role\":\"viewer\"}"));
        CASES.put("DELETE /api/v1/organizations/{id}/invitations/{inv_id}", Case.scope("members:write",
                f -> "/api/v1/organizations/" + f.org() + "/invitations/" + f.invitation(), f -> null));
        CASES.put("POST /api/v1/organizations/{id}/invitations/{inv_id}/resend", Case.scope("members:write",
                f -> "/api/v1/organizations/" + f.org() + "/invitations/" + f.invitation() + "/resend", f -> "{}"));
        CASES.put("POST /api/v1/invitations/{token}/accept", Case.scope("invitee only",
                f -> "/api/v1/invitations/" + f.token() + "/accept", f -> "{}"));
        CASES.put("POST /api/v1/projects", Case.scope("projects:write", f -> "/api/v1/projects",
                f -> "{\"organization_id\":\"" + f.org() + "\",\"name\":\"Another\"}"));
        CASES.put("GET /api/v1/projects", Case.scope("anyone", f -> "/api/v1/projects", f -> null));
        CASES.put("GET /api/v1/projects/{id}", Case.scope("projects:read", f -> "/api/v1/projects/" + f.project(), f -> null));
        CASES.put("PATCH /api/v1/projects/{id}", Case.scope("projects:write", f -> "/api/v1/projects/" + f.project(),
                f -> "{\"name\":\"Renamed\"}"));
        CASES.put("DELETE /api/v1/projects/{id}", Case.scope("projects:delete", f -> "/api/v1/projects/" + f.project(), f -> null));
        CASES.put("POST /api/v1/projects/{id}/restore", new Case("projects:delete", f -> "/api/v1/projects/" + f.project() + "/restore",
                f -> "{}", true));
        CASES.put("GET /api/v1/projects/{id}/environments", Case.scope("environments:read",
                f -> "/api/v1/projects/" + f.project() + "/environments", f -> null));
        CASES.put("GET /api/v1/projects/{id}/api-keys", Case.scope("api-keys:read",
                f -> "/api/v1/projects/" + f.project() + "/api-keys", f -> null));
        // production: members may issue keys for non-production environments only (ApiKeysApiTest covers that)
        CASES.put("POST /api/v1/projects/{id}/api-keys", Case.scope("api-keys:write",
                f -> "/api/v1/projects/" + f.project() + "/api-keys", f -> "{\"name\":\"ci\",\"environment\":\"production\"}"));
        CASES.put("GET /api/v1/projects/{id}/signing-keys", Case.scope("signing-keys:read",
                f -> "/api/v1/projects/" + f.project() + "/signing-keys", f -> null));
        CASES.put("POST /api/v1/projects/{id}/signing-keys/rotate", Case.scope("signing-keys:write",
                f -> "/api/v1/projects/" + f.project() + "/signing-keys/rotate", f -> "{}"));
        // public: downstream services fetch it without credentials
        CASES.put("GET /api/v1/projects/{id}/jwks.json", Case.scope("anyone",
                f -> "/api/v1/projects/" + f.project() + "/jwks.json", f -> null));
        CASES.put("GET /api/v1/plans", Case.scope("anyone", f -> "/api/v1/plans", f -> null));
        CASES.put("PUT /api/v1/organizations/{id}/plan", Case.scope("platform admin only",
                f -> "/api/v1/organizations/" + f.org() + "/plan", f -> "{\"tier\":\"pro\"}"));
        CASES.put("PUT /api/v1/organizations/{id}/entitlements/{feature}", Case.scope("platform admin only",
                f -> "/api/v1/organizations/" + f.org() + "/entitlements/posts", f -> "{\"limit\":5}"));
        CASES.put("GET /api/v1/entitlements/check", Case.scope("entitlements:read",
                f -> "/api/v1/entitlements/check?feature=api_calls&organization_id=" + f.org(), f -> null));
        CASES.put("GET /api/v1/entitlements/summary", Case.scope("entitlements:read",
                f -> "/api/v1/entitlements/summary?organization_id=" + f.org(), f -> null));
        CASES.put("POST /api/v1/entitlements/usage", Case.scope("usage:write", f -> "/api/v1/entitlements/usage",
                f -> "{\"organization_id\":\"" + f.org() + "\",\"feature\":\"api_calls\",\"quantity\":1}"));
        CASES.put("POST /api/v1/workflows", Case.scope("policies:write", f -> "/api/v1/workflows",
                f -> "{\"organization_id\":\"" + f.org() + "\",\"name\":\"w\",\"stages\":[{\"organization_role\":\"admin\"}]}"));
        CASES.put("GET /api/v1/workflows", Case.scope("policies:read", f -> "/api/v1/workflows?organization_id=" + f.org(), f -> null));
        CASES.put("GET /api/v1/workflows/{id}", Case.scope("policies:read", f -> "/api/v1/workflows/" + f.approvals().workflow(),
                f -> null));
        CASES.put("PUT /api/v1/workflows/{id}", Case.scope("policies:write", f -> "/api/v1/workflows/" + f.approvals().workflow(),
                f -> "{\"name\":\"w2\",\"stages\":[{\"permission\":\"access_requests_approve\"}]}"));
        CASES.put("DELETE /api/v1/workflows/{id}", Case.scope("policies:write",
                f -> "/api/v1/workflows/" + f.approvals().spareWorkflow(), f -> null));
        CASES.put("POST /api/v1/policies", Case.scope("policies:write", f -> "/api/v1/policies",
                f -> "{\"organization_id\":\"" + f.org() + "\",\"name\":\"p\",\"workflow_id\":\"" + f.approvals().workflow() + "\"}"));
        CASES.put("GET /api/v1/policies", Case.scope("policies:read", f -> "/api/v1/policies?organization_id=" + f.org(), f -> null));
        CASES.put("GET /api/v1/policies/{id}", Case.scope("policies:read", f -> "/api/v1/policies/" + f.approvals().policy(),
                f -> null));
        CASES.put("PUT /api/v1/policies/{id}", Case.scope("policies:write", f -> "/api/v1/policies/" + f.approvals().policy(),
                f -> "{\"name\":\"p2\",\"auto_approve\":true}"));
        CASES.put("DELETE /api/v1/policies/{id}", Case.scope("policies:write", f -> "/api/v1/policies/" + f.approvals().policy(),
                f -> null));
        // every role may ask for the viewer role on the project except viewers (access-requests:write needs member)
        CASES.put("POST /api/v1/access-requests", Case.scope("access-requests:write", f -> "/api/v1/access-requests",
                f -> "{\"resource_type\":\"project\",\"resource_id\":\"" + f.project() + "\",\"role\":\"viewer\"}"));
        CASES.put("GET /api/v1/access-requests", Case.scope("access-requests:read",
                f -> "/api/v1/access-requests?organization_id=" + f.org(), f -> null));
        CASES.put("GET /api/v1/access-requests/{id}", Case.scope("access-requests:read",
                f -> "/api/v1/access-requests/" + f.approvals().pending(), f -> null));
        // the stage's approvers are the holders of access_requests_approve on the project: owners and admins
        CASES.put("POST /api/v1/access-requests/{id}/approve", Case.scope("access-requests:approve",
                f -> "/api/v1/access-requests/" + f.approvals().pending() + "/approve", f -> "{\"comment\":\"ok\"}"));
        CASES.put("POST /api/v1/access-requests/{id}/reject", Case.scope("access-requests:approve",
                f -> "/api/v1/access-requests/" + f.approvals().pending() + "/reject", f -> "{\"reason\":\"no\"}"));
        CASES.put("POST /api/v1/access-requests/{id}/cancel", Case.scope("requester only",
                f -> "/api/v1/access-requests/" + f.approvals().pending() + "/cancel", f -> "{}"));
        CASES.put("POST /api/v1/access-requests/{id}/revoke", Case.scope("access-requests:approve",
                f -> "/api/v1/access-requests/" + f.approvals().approved() + "/revoke", f -> "{}"));
        CASES.put("POST /api/v1/environments", Case.scope("environments:write", f -> "/api/v1/environments",
                f -> "{\"project_id\":\"" + f.project() + "\",\"name\":\"qa\",\"kind\":\"staging\"}"));
        CASES.put("DELETE /api/v1/environments/{id}", Case.scope("environments:write",
                f -> "/api/v1/environments/" + f.developmentEnvironment(), f -> null));
        CASES.put("GET /api/v1/roles", Case.scope("roles:read", f -> "/api/v1/roles?organization_id=" + f.org(), f -> null));
        CASES.put("POST /api/v1/roles", Case.scope("roles:write", f -> "/api/v1/roles",
                f -> "{\"organization_id\":\"" + f.org() + "\",\"name\":\"Reader\",\"permissions\":[\"projects:read\"]}"));
        CASES.put("GET /api/v1/roles/{id}", Case.scope("roles:read", f -> "/api/v1/roles/" + f.role(), f -> null));
        CASES.put("PUT /api/v1/roles/{id}/permissions", Case.scope("roles:write", f -> "/api/v1/roles/" + f.role() + "/permissions",
                f -> "{\"permissions\":[\"projects:read\"]}"));
        CASES.put("DELETE /api/v1/roles/{id}", Case.scope("roles:write", f -> "/api/v1/roles/" + f.role(), f -> null));
        CASES.put("GET /api/v1/role-assignments", Case.scope("roles:read",
                f -> "/api/v1/role-assignments?organization_id=" + f.org(), f -> null));
        CASES.put("POST /api/v1/role-assignments", Case.scope("roles:write", f -> "/api/v1/role-assignments",
                f -> "{\"role_id\":\"" + f.role() + "\",\"user_id\":\"" + users.get("target")
                        + "\",\"resource\":{\"type\":\"project\",\"id\":\"" + f.project() + "\"}}"));
        CASES.put("DELETE /api/v1/role-assignments/{id}", Case.scope("roles:write",
                f -> "/api/v1/role-assignments/" + f.assignment(), f -> null));
        CASES.put("GET /api/v1/users/{id}/roles", Case.scope("roles:read",
                f -> "/api/v1/users/" + users.get("target") + "/roles?organization_id=" + f.org(), f -> null));
        CASES.put("GET /api/v1/webhooks", Case.scope("webhooks:read", f -> "/api/v1/webhooks?organization_id=" + f.org(), f -> null));
        CASES.put("POST /api/v1/webhooks", Case.scope("webhooks:write", f -> "/api/v1/webhooks",
                f -> "{\"organization_id\":\"" + f.org() + "\",\"url\":\"http://127.0.0.1:9/other\",\"events\":[\"*\"]}"));
        CASES.put("GET /api/v1/webhooks/{id}", Case.scope("webhooks:read", f -> "/api/v1/webhooks/" + f.webhook(), f -> null));
        CASES.put("PATCH /api/v1/webhooks/{id}", Case.scope("webhooks:write", f -> "/api/v1/webhooks/" + f.webhook(),
                f -> "{\"events\":[\"project.*\"]}"));
        CASES.put("DELETE /api/v1/webhooks/{id}", Case.scope("webhooks:delete", f -> "/api/v1/webhooks/" + f.webhook(), f -> null));
        CASES.put("POST /api/v1/webhooks/{id}/rotate-secret", Case.scope("webhooks:write",
                f -> "/api/v1/webhooks/" + f.webhook() + "/rotate-secret", f -> "{}"));
        CASES.put("GET /api/v1/webhooks/{id}/deliveries", Case.scope("webhooks:read",
                f -> "/api/v1/webhooks/" + f.webhook() + "/deliveries", f -> null));
        CASES.put("POST /api/v1/webhooks/{id}/deliveries/{delivery_id}/retry", Case.scope("webhooks:write",
                f -> "/api/v1/webhooks/" + f.webhook() + "/deliveries/" + f.delivery() + "/retry", f -> "{}"));
        CASES.put("POST /api/v1/webhooks/{id}/test", Case.scope("webhooks:write",
                f -> "/api/v1/webhooks/" + f.webhook() + "/test", f -> "{}"));
        CASES.put("POST /api/v1/webhooks/{id}/replay", Case.scope("webhooks:write",
                f -> "/api/v1/webhooks/" + f.webhook() + "/replay", f -> "{\"since\":\"2020-01-01T00:00:00Z\"}"));
        CASES.put("GET /api/v1/event-types", Case.scope("anyone", f -> "/api/v1/event-types", f -> null));
    }

    private static EmbeddedServer server;
    private static Http http;

    @BeforeAll
    static void start() throws Exception {
        // webhooks to a closed loopback port (nothing is delivered: the dispatcher is off; the test event fails fast)
        server = GatehouseServer.start(new ServerConfig(Optional.empty(), 0)
                        .withWebhooks(new ServerConfig.Webhooks(false, 32, true, "127.0.0.0/8")),
                Map.of("gatehouse.admin.email", "root@example.com", "gatehouse.admin.password", "a long admin password"));
        http = new Http(server.getURL().toString());
        String root = http.login("root@example.com", "a long admin password");
        for (String name : List.of("owner", "admin", "member", "viewer", "outsider", "target", "spare")) {
            var created = http.post("/api/v1/users", "{\"email\":\"" + name + "@example.com\",\"password\":\"the password of "
                    + name + "\",\"name\":\"" + name + "\"}", root);
            assertThat(created.statusCode()).isEqualTo(201);
            users.put(name, Http.field(created.body(), "id"));
            tokens.put(name, http.login(name + "@example.com", "the password of " + name));
        }
    }

    @AfterAll
    static void stop() {
        server.getApplicationContext().close();
    }

    private static List<String> tenancyRoutes() {
        Router router = server.getApplicationContext().getBean(Router.class);
        TreeSet<String> routes = new TreeSet<>();
        router.uriRoutes().forEach(r -> {
            String template = r.getUriMatchTemplate().toPathString();
            if (r.getHttpMethod() != HttpMethod.HEAD && PREFIXES.stream().anyMatch(template::startsWith)) {
                routes.add(normalized(r.getHttpMethodName() + " " + template));
            }
        });
        return new ArrayList<>(routes);
    }

    /** Path variables compared by position only: {@code {user_id}} and {@code {userId}} are the same. */
    private static String normalized(String route) {
        return route.replaceAll("\\{[^}]+}", "{}");
    }

    @Test
    void everyTenancyRouteHasACase() {
        List<String> routes = tenancyRoutes();
        List<String> cases = CASES.keySet().stream().map(TenancyAccessMatrixTest::normalized).toList();
        assertThat(routes).hasSizeGreaterThanOrEqualTo(20);
        assertThat(cases).as("add a case for every tenancy route").containsAll(routes);
        assertThat(routes).as("no case for a route that no longer exists").containsAll(cases);
    }

    private static Fixture fixture(boolean deleteProject) throws Exception {
        String owner = tokens.get("owner");
        var org = http.post("/api/v1/organizations", "{\"name\":\"Matrix\"}", owner);
        String orgId = Http.field(org.body(), "id");
        for (String role : List.of("admin", "member", "viewer")) {
            addMember(orgId, role, role);
        }
        addMember(orgId, "target", "member");
        var project = http.post("/api/v1/projects", "{\"organization_id\":\"" + orgId + "\",\"name\":\"Web\"}", owner);
        String projectId = Http.field(project.body(), "id");
        var environments = http.get("/api/v1/projects/" + projectId + "/environments", owner).body();
        var dev = java.util.regex.Pattern.compile("\"id\"\\s*:\\s*\"(env_[0-9a-z]+)\"[^}]*\"name\"\\s*:\\s*\"development\"").matcher(environments);
        assertThat(dev.find()).as(environments).isTrue();
        var invitation = http.post("/api/v1/organizations/" + orgId + "/invitations",
                "{\"email\":\"invitee@example.com\",\"role\":\"viewer\"}", owner);
        var role = http.post("/api/v1/roles", "{\"organization_id\":\"" + orgId
                + "\",\"name\":\"Auditor\",\"permissions\":[\"audit:read\"]}", owner);
        assertThat(role.statusCode()).as(role.body()).isEqualTo(201);
        String roleId = Http.field(role.body(), "id");
        var assignment = http.post("/api/v1/role-assignments", "{\"role_id\":\"" + roleId + "\",\"user_id\":\""
                + users.get("target") + "\",\"resource\":{\"type\":\"organization\",\"id\":\"" + orgId + "\"}}", owner);
        assertThat(assignment.statusCode()).as(assignment.body()).isEqualTo(201);
        Approvals approvals = approvals(orgId, projectId, dev.group(1));
        if (deleteProject) {
            assertThat(http.send("DELETE", "/api/v1/projects/" + projectId, null, owner).statusCode()).isEqualTo(204);
        }
        var hook = http.post("/api/v1/webhooks", "{\"organization_id\":\"" + orgId
                + "\",\"url\":\"http://127.0.0.1:9/hook\",\"events\":[\"*\"]}", owner);
        assertThat(hook.statusCode()).as(hook.body()).isEqualTo(201);
        String hookId = Http.field(hook.body(), "id");
        var tested = http.post("/api/v1/webhooks/" + hookId + "/test", "{}", owner);
        assertThat(tested.statusCode()).as(tested.body()).isEqualTo(200);
        return new Fixture(orgId, projectId, dev.group(1), Http.field(invitation.body(), "id"), Http.field(invitation.body(), "token"),
                roleId, Http.field(assignment.body(), "id"), approvals,
                hookId, Http.field(tested.body(), "delivery_id"));
    }


    private static String created(java.net.http.HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return Http.field(r.body(), "id");
    }

    private static Approvals approvals(String org, String project, String development) throws Exception {
        String owner = tokens.get("owner");
        String workflow = created(http.post("/api/v1/workflows", "{\"organization_id\":\"" + org + "\",\"name\":\"managers\","
                + "\"stages\":[{\"permission\":\"access_requests_approve\"}]}", owner));
        String spare = created(http.post("/api/v1/workflows", "{\"organization_id\":\"" + org + "\",\"name\":\"spare\","
                + "\"stages\":[{\"organization_role\":\"owner\"}]}", owner));
        String policy = created(http.post("/api/v1/policies", "{\"organization_id\":\"" + org + "\",\"name\":\"projects\","
                + "\"resource_type\":\"project\",\"workflow_id\":\"" + workflow + "\"}", owner));
        created(http.post("/api/v1/policies", "{\"organization_id\":\"" + org + "\",\"name\":\"development\","
                + "\"environment_kind\":\"development\",\"auto_approve\":true}", owner));
        String pending = created(http.post("/api/v1/access-requests", "{\"resource_type\":\"project\",\"resource_id\":\""
                + project + "\",\"role\":\"admin\"}", tokens.get("target")));
        String approved = created(http.post("/api/v1/access-requests", "{\"resource_type\":\"environment\",\"resource_id\":\""
                + development + "\",\"role\":\"admin\"}", tokens.get("target")));
        return new Approvals(workflow, spare, policy, pending, approved);
    }

    private static void addMember(String orgId, String user, String role) throws Exception {
        var r = http.post("/api/v1/organizations/" + orgId + "/members",
                "{\"user_id\":\"" + users.get(user) + "\",\"role\":\"" + role + "\"}", tokens.get("owner"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }

    private static int rank(String role) {
        return switch (role) {
            case "viewer" -> 0;
            case "member" -> 1;
            case "admin" -> 2;
            case "owner" -> 3;
            default -> -1;
        };
    }

    /** The status class a role should get: 2 (success), 403 or 404. */
    private static int expected(String rule, String role) {
        switch (rule) {
            case "anyone":
                return 2;
            case "invitee only":
                return 403;
            case "requester only":
                return role.equals("outsider") ? 404 : 403;
            case "platform admin only":
                return role.equals("outsider") ? 404 : 403;
            default:
                var entry = PermissionCatalog.byScope(rule).orElseThrow(() -> new AssertionError("unknown scope " + rule));
                if (role.equals("outsider")) {
                    return 404;
                }
                return rank(role) >= entry.leastRole().ordinal() ? 2 : 403;
        }
    }

    @TestFactory
    Stream<DynamicTest> eachRoleGetsWhatItsRoleAllowsOnEachRoute() {
        List<DynamicTest> tests = new ArrayList<>();
        for (var entry : CASES.entrySet()) {
            String method = entry.getKey().substring(0, entry.getKey().indexOf(' '));
            Case c = entry.getValue();
            for (String role : ROLES) {
                tests.add(DynamicTest.dynamicTest(entry.getKey() + " as " + role, () -> {
                    Fixture f = fixture(c.deleteProjectFirst());
                    var response = http.send(method, c.path().apply(f), c.body().apply(f), tokens.get(role));
                    int want = expected(c.scopeOrRule(), role);
                    int got = response.statusCode();
                    assertThat(want == 2 ? got / 100 : got)
                            .as("%s as %s needs %s → %s %s", entry.getKey(), role, c.scopeOrRule(), got, response.body())
                            .isEqualTo(want);
                    if (got >= 400) {
                        assertThat(response.body()).contains("\"request_id\"").doesNotContain("Exception");
                    }
                }));
            }
        }
        return tests.stream();
    }
}
