package dev.gatehouse.http;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The roles and role-assignments routes: envelopes, errors, authorization, escalation and tenancy. */
@MicronautTest
class RolesApiTest extends ApiTestBase {
    Tenants.Org org;
    Tenants.Org other;
    String web;
    String payments;

    @BeforeAll
    void setUp() {
        org = tenants.org();
        other = tenants.org();
        web = project(org, "Web");
        payments = project(org, "Payments");
    }

    private String project(Tenants.Org o, String name) {
        var p = api.postJson("/api/v1/projects", "{\"organization_id\":\"" + o.id() + "\",\"name\":\"" + name + "\"}",
                o.owner().token());
        assertThat(p.status()).as(p.body()).isEqualTo(201);
        return p.json().at("/data/id").asText();
    }

    private Api.Response createRole(Tenants.Org o, String name, String permissions, String token) {
        return api.postJson("/api/v1/roles", "{\"organization_id\":\"" + o.id() + "\",\"name\":\"" + name
                + "\",\"description\":\"Ships code\",\"permissions\":" + permissions + "}", token);
    }

    private Api.Response put(String path, String json, String token) {
        return api.send(api.request(path).header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private Api.Response assign(String role, Tenants.Person to, String type, String resource, String token) {
        return api.postJson("/api/v1/role-assignments", "{\"role_id\":\"" + role + "\",\"user_id\":\"" + to.id()
                + "\",\"resource\":{\"type\":\"" + type + "\",\"id\":\"" + resource + "\"}}", token);
    }

    @Test
    void createsListsGetsUpdatesAndDeletesACustomRole() {
        var created = createRole(org, "Deployer-1", "[\"projects:write\",\"projects:read\"]", org.admin().token());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().at("/data/id").asText();
        assertThat(id).startsWith("role_");
        assertThat(created.header("Location")).isEqualTo("/api/v1/roles/" + id);
        assertThat(created.json().at("/data/permissions").toString()).isEqualTo("[\"projects:read\",\"projects:write\"]");
        assertThat(created.json().at("/data/built_in").asBoolean()).isFalse();
        assertThat(created.json().at("/data/organization_id").asText()).isEqualTo(org.id());

        var list = api.get("/api/v1/roles?organization_id=" + org.id(), org.viewer().token());
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        assertThat(list.json().path("data")).extracting(r -> r.path("id").asText())
                .startsWith("owner", "admin", "member", "viewer").contains(id);
        assertThat(list.json().at("/data/0/built_in").asBoolean()).isTrue();
        assertThat(list.json().at("/meta/total").asInt()).isGreaterThanOrEqualTo(5);
        var custom = api.get("/api/v1/roles?status=custom&search=deployer-1&organization_id=" + org.id(), org.viewer().token());
        assertThat(custom.json().path("data")).extracting(r -> r.path("id").asText()).containsExactly(id);

        assertThat(api.get("/api/v1/roles/" + id, org.member().token()).json().at("/data/name").asText()).isEqualTo("Deployer-1");
        var builtIn = api.get("/api/v1/roles/admin", org.member().token());
        assertThat(builtIn.json().at("/data/built_in").asBoolean()).isTrue();
        assertThat(builtIn.json().at("/data/permissions").toString()).contains("projects:write").doesNotContain("owners:write");

        var updated = put("/api/v1/roles/" + id + "/permissions", "{\"permissions\":[\"audit:read\"]}", org.admin().token());
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(updated.json().at("/data/permissions").toString()).isEqualTo("[\"audit:read\"]");

        assertThat(api.delete("/api/v1/roles/" + id, org.admin().token()).status()).isEqualTo(204);
        ErrorResponsesTest.assertProblem(api.get("/api/v1/roles/" + id, org.admin().token()), 404, "not_found");
    }

    @Test
    void validationConflictsAndBuiltInsFollowTheErrorFormat() {
        var unknown = createRole(org, "Weird", "[\"projects:fly\"]", org.admin().token());
        ErrorResponsesTest.assertProblem(unknown, 422, "validation_failed");
        assertThat(unknown.json().at("/errors/permissions/0").asText()).contains("projects:fly");
        ErrorResponsesTest.assertProblem(createRole(org, "", "[\"audit:read\"]", org.admin().token()), 422, "validation_failed");
        assertThat(createRole(org, "Dup", "[\"audit:read\"]", org.admin().token()).status()).isEqualTo(201);
        ErrorResponsesTest.assertProblem(createRole(org, "DUP", "[\"audit:read\"]", org.admin().token()), 409, "conflict");
        ErrorResponsesTest.assertProblem(put("/api/v1/roles/owner/permissions", "{\"permissions\":[\"audit:read\"]}",
                org.owner().token()), 409, "conflict");
        ErrorResponsesTest.assertProblem(api.delete("/api/v1/roles/viewer", org.owner().token()), 409, "conflict");
        ErrorResponsesTest.assertProblem(api.get("/api/v1/roles/role_nope", org.owner().token()), 404, "not_found");
        ErrorResponsesTest.assertProblem(api.get("/api/v1/roles", org.owner().token()), 422, "validation_failed");
        ErrorResponsesTest.assertProblem(api.get("/api/v1/roles?organization_id=org_bad", org.owner().token()), 404, "not_found");
        var badResource = api.postJson("/api/v1/role-assignments", "{\"role_id\":\"viewer\",\"user_id\":\"" + org.member().id()
                + "\",\"resource\":{\"type\":\"galaxy\",\"id\":\"x\"},\"expires_at\":\"soon\"}", org.admin().token());
        ErrorResponsesTest.assertProblem(badResource, 422, "validation_failed");
        assertThat(badResource.json().at("/errors/expires_at").isArray()).isTrue();
        ErrorResponsesTest.assertProblem(api.get("/api/v1/role-assignments?organization_id=" + org.id() + "&per_page=x",
                org.admin().token()), 422, "validation_failed");
    }

    @Test
    void readingNeedsRolesReadWritingRolesWriteAndOtherTenantsSeeNothing() {
        var denied = createRole(org, "By member", "[\"audit:read\"]", org.member().token());
        ErrorResponsesTest.assertProblem(denied, 403, "access_denied");
        assertThat(denied.body()).contains("roles:write");
        ErrorResponsesTest.assertProblem(createRole(org, "By outsider", "[\"audit:read\"]", other.owner().token()), 404, "not_found");
        String id = createRole(org, "Tenant-bound", "[\"audit:read\"]", org.admin().token()).json().at("/data/id").asText();
        ErrorResponsesTest.assertProblem(api.get("/api/v1/roles/" + id, other.owner().token()), 404, "not_found");
        ErrorResponsesTest.assertProblem(api.delete("/api/v1/roles/" + id, other.owner().token()), 404, "not_found");
        ErrorResponsesTest.assertProblem(api.get("/api/v1/roles?organization_id=" + org.id(), other.owner().token()), 404, "not_found");
        ErrorResponsesTest.assertProblem(put("/api/v1/roles/" + id + "/permissions", "{\"permissions\":[\"audit:read\"]}",
                org.viewer().token()), 403, "access_denied");
        // another organization's role cannot be assigned here, nor a user of another organization
        String theirs = createRole(other, "Theirs", "[\"audit:read\"]", other.owner().token()).json().at("/data/id").asText();
        ErrorResponsesTest.assertProblem(assign(theirs, org.member(), "project", web, org.owner().token()), 404, "not_found");
        ErrorResponsesTest.assertProblem(assign(id, other.member(), "project", web, org.owner().token()), 404, "not_found");
        ErrorResponsesTest.assertProblem(assign(theirs, other.member(), "project", web, other.owner().token()), 404, "not_found");
    }

    @Test
    void assigningNeverEscalates() {
        String billing = createRole(org, "Billing", "[\"plan:write\"]", org.owner().token()).json().at("/data/id").asText();
        var denied = assign(billing, org.member(), "organization", org.id(), org.admin().token());
        ErrorResponsesTest.assertProblem(denied, 403, "access_denied");
        assertThat(denied.body()).contains("plan:write");
        var byOwner = assign(billing, org.member(), "organization", org.id(), org.owner().token());
        assertThat(byOwner.status()).as(byOwner.body()).isEqualTo(201);
        var widen = createRole(org, "Owners", "[\"owners:write\"]", org.admin().token());
        ErrorResponsesTest.assertProblem(widen, 403, "access_denied");
        assertThat(widen.body()).contains("owners:write");
    }

    @Test
    void assignmentsAreListedFilteredAndShownPerUser() {
        String role = createRole(org, "Releaser", "[\"projects:write\"]", org.admin().token()).json().at("/data/id").asText();
        var a = assign(role, org.viewer(), "project", payments, org.admin().token());
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        String assignment = a.json().at("/data/id").asText();
        assertThat(assignment).startsWith("ra_");
        assertThat(a.json().at("/data/role_name").asText()).isEqualTo("Releaser");
        assertThat(a.json().at("/data/resource/type").asText()).isEqualTo("project");
        assertThat(a.json().at("/data/status").asText()).isEqualTo("active");
        ErrorResponsesTest.assertProblem(assign(role, org.viewer(), "project", payments, org.admin().token()), 409, "conflict");
        var builtIn = assign("admin", org.viewer(), "environment", envOf(payments), org.admin().token());
        assertThat(builtIn.status()).as(builtIn.body()).isEqualTo(201);
        ErrorResponsesTest.assertProblem(assign("admin", org.viewer(), "organization", org.id(), org.admin().token()),
                422, "validation_failed");

        var list = api.get("/api/v1/role-assignments?organization_id=" + org.id() + "&user_id=" + org.viewer().id(),
                org.member().token());
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        assertThat(list.json().path("data")).extracting(x -> x.path("id").asText()).contains(assignment);
        assertThat(list.json().at("/meta/current_page").asInt()).isEqualTo(1);
        var byResource = api.get("/api/v1/role-assignments?organization_id=" + org.id() + "&resource=project:" + payments,
                org.member().token());
        assertThat(byResource.json().path("data")).extracting(x -> x.path("id").asText()).containsExactly(assignment);

        var roles = api.get("/api/v1/users/" + org.viewer().id() + "/roles?organization_id=" + org.id(), org.member().token());
        assertThat(roles.status()).as(roles.body()).isEqualTo(200);
        assertThat(roles.json().at("/data/0/source").asText()).isEqualTo("membership");
        assertThat(roles.json().at("/data/0/role_id").asText()).isEqualTo("viewer");
        assertThat(roles.json().path("data")).extracting(x -> x.path("id").asText()).contains(assignment);
        ErrorResponsesTest.assertProblem(api.get("/api/v1/users/" + org.viewer().id() + "/roles?organization_id=" + org.id(),
                other.owner().token()), 404, "not_found");
        ErrorResponsesTest.assertProblem(api.get("/api/v1/users/usr_bad/roles?organization_id=" + org.id(),
                org.owner().token()), 404, "not_found");

        ErrorResponsesTest.assertProblem(api.delete("/api/v1/role-assignments/" + assignment, other.owner().token()), 404, "not_found");
        assertThat(api.delete("/api/v1/role-assignments/" + assignment, org.admin().token()).status()).isEqualTo(204);
        ErrorResponsesTest.assertProblem(api.delete("/api/v1/role-assignments/" + assignment, org.admin().token()), 404, "not_found");
        ErrorResponsesTest.assertProblem(api.delete("/api/v1/role-assignments/nope", org.admin().token()), 404, "not_found");
    }

    private String envOf(String project) {
        var envs = api.get("/api/v1/projects/" + project + "/environments", org.owner().token());
        assertThat(envs.status()).as(envs.body()).isEqualTo(200);
        return envs.json().at("/data/0/id").asText();
    }

    @Test
    void concurrentCreatesOfOneNameMakeExactlyOneRole() {
        String body = "{\"organization_id\":\"" + org.id() + "\",\"name\":\"Racer\",\"permissions\":[\"audit:read\"]}";
        List<CompletableFuture<Api.Response>> all = IntStream.range(0, 8).mapToObj(i -> api.sendAsync(api.request("/api/v1/roles")
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + org.owner().token())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build())).toList();
        List<Integer> statuses = all.stream().map(CompletableFuture::join).map(Api.Response::status).toList();
        assertThat(statuses).containsOnly(201, 409);
        assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
    }
}
