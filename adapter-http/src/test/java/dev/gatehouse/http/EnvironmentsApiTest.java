package dev.gatehouse.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest
class EnvironmentsApiTest extends ApiTestBase {
    TenantFixture t;

    @BeforeAll
    void setUp() {
        t = new TenantFixture(api, gatehouse);
    }

    private JsonNode project(String name) {
        var r = api.postJson("/api/v1/projects", "{\"organization_id\":\"" + t.org.text() + "\",\"name\":\"" + name + "\"}", t.owner);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("data");
    }

    private Api.Response createEnv(String projectId, String name, String kind, String token) {
        return api.postJson("/api/v1/environments", "{\"project_id\":\"" + projectId + "\",\"name\":\"" + name
                + "\",\"kind\":\"" + kind + "\"}", token);
    }

    @Test
    void listsAProjectsEnvironmentsForEveryRoleButOutsiders() {
        String id = project("Listed").path("id").asText();
        for (String token : new String[]{t.owner, t.admin, t.member, t.viewer}) {
            var r = api.get("/api/v1/projects/" + id + "/environments", token);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().path("data")).extracting(e -> e.path("name").asText())
                    .containsExactly("development", "production", "staging");
            assertThat(r.json().at("/meta/total").asInt()).isEqualTo(3);
        }
        ErrorResponsesTest.assertProblem(api.get("/api/v1/projects/" + id + "/environments", t.outsider), 404, "not_found");
        var paged = api.get("/api/v1/projects/" + id + "/environments?per_page=1&page=2", t.viewer).json();
        assertThat(paged.path("data")).extracting(e -> e.path("name").asText()).containsExactly("production");
    }

    @Test
    void createsEnvironmentsWithUniqueNames() {
        String id = project("Growing").path("id").asText();
        var r = createEnv(id, "preview", "development", t.admin);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().at("/data/id").asText()).startsWith("env_");
        assertThat(r.json().at("/data/project_id").asText()).isEqualTo(id);
        assertThat(r.json().at("/data/kind").asText()).isEqualTo("development");
        ErrorResponsesTest.assertProblem(createEnv(id, "PREVIEW", "staging", t.admin), 409, "conflict");
        ErrorResponsesTest.assertProblem(createEnv(id, "x", "staging", t.member), 403, "access_denied");
        ErrorResponsesTest.assertProblem(createEnv(id, "x", "staging", t.viewer), 403, "access_denied");
        ErrorResponsesTest.assertProblem(createEnv(id, "x", "staging", t.outsider), 404, "not_found");
        ErrorResponsesTest.assertProblem(createEnv("env_01h455vb4pex5vsknk084sn02q", "x", "staging", t.owner), 404, "not_found");
        var invalid = createEnv(id, "", "qa", t.owner);
        ErrorResponsesTest.assertProblem(invalid, 422, "validation_failed");
        assertThat(invalid.json().path("errors").has("name")).isTrue();
        assertThat(invalid.json().path("errors").has("kind")).isTrue();
        var missing = api.postJson("/api/v1/environments", "{\"name\":\"x\",\"kind\":\"staging\"}", t.owner);
        ErrorResponsesTest.assertProblem(missing, 422, "validation_failed");
        assertThat(missing.json().path("errors").has("project_id")).isTrue();
    }

    @Test
    void deletesEnvironmentsButNotTheLastProductionOne() {
        var project = project("Shrinking");
        String production = null;
        String staging = null;
        for (JsonNode e : project.path("environments")) {
            if (e.path("kind").asText().equals("production")) {
                production = e.path("id").asText();
            } else if (e.path("kind").asText().equals("staging")) {
                staging = e.path("id").asText();
            }
        }
        ErrorResponsesTest.assertProblem(api.delete("/api/v1/environments/" + staging, t.viewer), 403, "access_denied");
        ErrorResponsesTest.assertProblem(api.delete("/api/v1/environments/" + staging, t.outsider), 404, "not_found");
        ErrorResponsesTest.assertProblem(api.delete("/api/v1/environments/prj_01h455vb4pex5vsknk084sn02q", t.owner), 404, "not_found");
        assertThat(api.delete("/api/v1/environments/" + staging, t.admin).status()).isEqualTo(204);
        ErrorResponsesTest.assertProblem(api.delete("/api/v1/environments/" + staging, t.admin), 404, "not_found");
        var refused = api.delete("/api/v1/environments/" + production, t.owner);
        ErrorResponsesTest.assertProblem(refused, 409, "conflict");
        assertThat(refused.body()).contains("at least one production environment");
    }
}
