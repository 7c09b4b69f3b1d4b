package dev.gatehouse.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.core.audit.AuditQuery;
import dev.gatehouse.core.authorization.ObjectRef;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest
class ProjectsApiTest extends ApiTestBase {
    static final String WRONG_SHAPE = "usr_01h455vb4pex5vsknk084sn02q";
    static final String UNKNOWN_PROJECT = "prj_01h455vb4pex5vsknk084sn02q";

    TenantFixture t;

    @BeforeAll
    void setUp() {
        t = new TenantFixture(api, gatehouse);
    }

    JsonNode create(String token, String name) {
        var r = api.postJson("/api/v1/projects", "{\"organization_id\":\"" + t.org.text() + "\",\"name\":\"" + name
                + "\",\"description\":\"About " + name + "\"}", token);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("data");
    }

    private static List<String> names(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.path("data").forEach(p -> out.add(p.path("name").asText()));
        return out;
    }

    @Nested
    class Create {
        @Test
        void createsAProjectWithDefaultEnvironments() {
            var r = api.postJson("/api/v1/projects", "{\"organization_id\":\"" + t.org.text()
                    + "\",\"name\":\"  Web  \",\"description\":\"Marketing\",\"id\":\"prj_01h455vb4pex5vsknk084sn02q\","
                    + "\"created_at\":\"2000-01-01T00:00:00Z\",\"deleted_at\":\"2000-01-01T00:00:00Z\"}", t.admin);
            assertThat(r.status()).as(r.body()).isEqualTo(201);
            var data = r.json().path("data");
            assertThat(data.path("id").asText()).startsWith("prj_").isNotEqualTo(UNKNOWN_PROJECT);
            assertThat(data.path("organization_id").asText()).isEqualTo(t.org.text());
            assertThat(data.path("name").asText()).isEqualTo("Web");
            assertThat(data.path("created_at").asText()).doesNotStartWith("2000");
            assertThat(data.path("deleted_at").isNull()).isTrue();
            assertThat(data.path("environments")).hasSize(3);
            assertThat(data.at("/environments/0/kind").asText()).isEqualTo("production");
            assertThat(r.header("Location")).isEqualTo("/api/v1/projects/" + data.path("id").asText());
        }

        @Test
        void createsTheListedEnvironments() {
            var r = api.postJson("/api/v1/projects", "{\"organization_id\":\"" + t.org.text() + "\",\"name\":\"Api\","
                    + "\"environments\":[{\"name\":\"live\",\"kind\":\"production\"},{\"name\":\"qa\",\"kind\":\"staging\"}]}", t.owner);
            assertThat(r.status()).as(r.body()).isEqualTo(201);
            assertThat(r.json().at("/data/environments")).extracting(e -> e.path("name").asText()).containsExactly("live", "qa");
        }

        @Test
        void viewersAndMembersAreForbidden() {
            for (String token : List.of(t.viewer, t.member)) {
                var r = api.postJson("/api/v1/projects", "{\"organization_id\":\"" + t.org.text() + "\",\"name\":\"Nope\"}", token);
                ErrorResponsesTest.assertProblem(r, 403, "access_denied");
                assertThat(r.body()).contains("projects:write");
            }
        }

        @Test
        void outsidersAndWrongShapedOrganizationsGet404() {
            ErrorResponsesTest.assertProblem(api.postJson("/api/v1/projects",
                    "{\"organization_id\":\"" + t.org.text() + "\",\"name\":\"Nope\"}", t.outsider), 404, "not_found");
            ErrorResponsesTest.assertProblem(api.postJson("/api/v1/projects",
                    "{\"organization_id\":\"" + WRONG_SHAPE + "\",\"name\":\"Nope\"}", t.owner), 404, "not_found");
        }

        @Test
        void validatesWith422NamingTheFields() {
            var r = api.postJson("/api/v1/projects", "{\"name\":\"\",\"environments\":[{\"name\":\"qa\",\"kind\":\"testing\"}]}", t.owner);
            ErrorResponsesTest.assertProblem(r, 422, "validation_failed");
            assertThat(r.json().path("errors").has("organization_id")).isTrue();
            assertThat(r.json().path("errors").has("name")).isTrue();
            assertThat(r.json().path("errors").has("environments[0].kind")).isTrue();
        }
    }

    @Nested
    class Read {
        @Test
        void listsTheProjectsEachRoleMayReadWithSearchSortAndPages() {
            var fixture = new TenantFixture(api, gatehouse);
            var saved = t;
            t = fixture;
            try {
                create(t.owner, "Alpha");
                create(t.owner, "Beta");
                var gamma = create(t.owner, "Gamma");
                for (String token : List.of(t.owner, t.admin, t.member, t.viewer)) {
                    var r = api.get("/api/v1/projects?sort=name&organization_id=" + t.org.text(), token);
                    assertThat(r.status()).isEqualTo(200);
                    assertThat(names(r.json())).containsExactly("Alpha", "Beta", "Gamma");
                }
                assertThat(names(api.get("/api/v1/projects", t.outsider).json())).isEmpty();
                var paged = api.get("/api/v1/projects?organization_id=" + t.org.text() + "&per_page=2&sort=-name", t.viewer).json();
                assertThat(names(paged)).containsExactly("Gamma", "Beta");
                assertThat(paged.at("/meta/total").asInt()).isEqualTo(3);
                assertThat(paged.at("/links/next").asText()).contains("page=2");
                assertThat(names(api.get("/api/v1/projects?search=about%20GAM", t.viewer).json())).containsExactly("Gamma");
                // a project-level grant shows that project only
                String guest = api.userToken(gatehouse, "guest-" + gamma.path("id").asText() + "@example.com", false);
                String guestId = api.get("/api/v1/me", guest).json().at("/data/id").asText();
                TenantFixture.grant(gatehouse, new ObjectRef("project", gamma.path("id").asText()), "viewer", guestId);
                assertThat(names(api.get("/api/v1/projects", guest).json())).containsExactly("Gamma");
                ErrorResponsesTest.assertProblem(api.get("/api/v1/projects?sort=owner", t.viewer), 422, "validation_failed");
                ErrorResponsesTest.assertProblem(api.get("/api/v1/projects?status=archived", t.viewer), 422, "validation_failed");
            } finally {
                t = saved;
            }
        }

        @Test
        void getsAProjectAndHidesItFromOutsiders() {
            String id = create(t.owner, "Readable").path("id").asText();
            var r = api.get("/api/v1/projects/" + id, t.viewer);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().at("/data/name").asText()).isEqualTo("Readable");
            assertThat(r.json().at("/data").has("environments")).isFalse();
            ErrorResponsesTest.assertProblem(api.get("/api/v1/projects/" + id, t.outsider), 404, "not_found");
            ErrorResponsesTest.assertProblem(api.get("/api/v1/projects/" + WRONG_SHAPE, t.owner), 404, "not_found");
            ErrorResponsesTest.assertProblem(api.get("/api/v1/projects/not-an-id", t.owner), 404, "not_found");
            ErrorResponsesTest.assertProblem(api.get("/api/v1/projects/" + UNKNOWN_PROJECT, t.owner), 404, "not_found");
        }
    }

    @Nested
    class Update {
        @Test
        void changesNameAndDescriptionIgnoringEverythingElse() {
            var project = create(t.owner, "Before");
            String id = project.path("id").asText();
            var r = api.patchJson("/api/v1/projects/" + id, "{\"name\":\"After\",\"id\":\"" + UNKNOWN_PROJECT
                    + "\",\"organization_id\":\"" + t.otherOrg.text() + "\",\"created_at\":\"2000-01-01T00:00:00Z\","
                    + "\"deleted_at\":\"2000-01-01T00:00:00Z\"}", t.admin);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            var data = r.json().path("data");
            assertThat(data.path("id").asText()).isEqualTo(id);
            assertThat(data.path("name").asText()).isEqualTo("After");
            assertThat(data.path("description").asText()).isEqualTo("About Before");
            assertThat(data.path("organization_id").asText()).isEqualTo(t.org.text());
            assertThat(data.path("created_at").asText()).isEqualTo(project.path("created_at").asText());
            assertThat(data.path("deleted_at").isNull()).isTrue();
            assertThat(gatehouse.stores().platform().auditLog().find(AuditQuery.all(), null, 1).items().get(0).action())
                    .isEqualTo("project.updated");
        }

        @Test
        void answers403ToViewers404ToOutsidersAnd422ToBlankNames() {
            String id = create(t.owner, "Guarded").path("id").asText();
            ErrorResponsesTest.assertProblem(api.patchJson("/api/v1/projects/" + id, "{\"name\":\"X\"}", t.viewer), 403, "access_denied");
            ErrorResponsesTest.assertProblem(api.patchJson("/api/v1/projects/" + id, "{\"name\":\"X\"}", t.member), 403, "access_denied");
            ErrorResponsesTest.assertProblem(api.patchJson("/api/v1/projects/" + id, "{\"name\":\"X\"}", t.outsider), 404, "not_found");
            ErrorResponsesTest.assertProblem(api.patchJson("/api/v1/projects/" + id, "{\"name\":\" \"}", t.owner), 422, "validation_failed");
        }
    }

    @Nested
    class DeleteAndRestore {
        @Test
        void softDeletesHidesAndRestores() {
            String id = create(t.owner, "Doomed").path("id").asText();
            ErrorResponsesTest.assertProblem(api.delete("/api/v1/projects/" + id, t.member), 403, "access_denied");
            ErrorResponsesTest.assertProblem(api.delete("/api/v1/projects/" + id, t.outsider), 404, "not_found");
            var deleted = api.delete("/api/v1/projects/" + id, t.admin);
            assertThat(deleted.status()).isEqualTo(204);
            assertThat(deleted.body()).isEmpty();
            ErrorResponsesTest.assertProblem(api.get("/api/v1/projects/" + id, t.owner), 404, "not_found");
            ErrorResponsesTest.assertProblem(api.get("/api/v1/projects/" + id + "/environments", t.owner), 404, "not_found");
            ErrorResponsesTest.assertProblem(api.delete("/api/v1/projects/" + id, t.owner), 404, "not_found");
            assertThat(names(api.get("/api/v1/projects?organization_id=" + t.org.text(), t.owner).json())).doesNotContain("Doomed");
            var trash = api.get("/api/v1/projects?status=deleted&organization_id=" + t.org.text(), t.owner).json();
            assertThat(names(trash)).contains("Doomed");
            assertThat(trash.at("/data/0/restorable_until").asText()).isNotEmpty();

            ErrorResponsesTest.assertProblem(api.postJson("/api/v1/projects/" + id + "/restore", "", t.viewer), 403, "access_denied");
            ErrorResponsesTest.assertProblem(api.postJson("/api/v1/projects/" + id + "/restore", "", t.outsider), 404, "not_found");
            var restored = api.postJson("/api/v1/projects/" + id + "/restore", "", t.admin);
            assertThat(restored.status()).as(restored.body()).isEqualTo(200);
            assertThat(restored.json().at("/data/deleted_at").isNull()).isTrue();
            assertThat(api.get("/api/v1/projects/" + id, t.viewer).status()).isEqualTo(200);
            ErrorResponsesTest.assertProblem(api.postJson("/api/v1/projects/" + id + "/restore", "", t.admin), 409, "conflict");
        }
    }
}
