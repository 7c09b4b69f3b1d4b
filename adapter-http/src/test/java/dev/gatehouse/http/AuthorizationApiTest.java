package dev.gatehouse.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.core.authorization.ObjectRef;
import dev.gatehouse.core.authorization.PermissionCatalog;
import dev.gatehouse.core.authorization.Relationship;
import dev.gatehouse.core.authorization.RelationshipUpdate;
import dev.gatehouse.core.authorization.SubjectRef;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.Reason;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest
class AuthorizationApiTest extends ApiTestBase {
    @Inject
    SwitchableAuthorizer authorizer;

    String admin;
    String plain;
    String token;

    @BeforeAll
    void setUp() {
        admin = api.adminToken();
        plain = api.userToken(gatehouse, "plain-authz@example.com", false);
        var acme = new ObjectRef("organization", "acme");
        List<RelationshipUpdate> updates = new ArrayList<>();
        updates.add(RelationshipUpdate.touch(Relationship.of(acme, "viewer", SubjectRef.of("user", "ada"))));
        updates.add(RelationshipUpdate.touch(Relationship.of(acme, "admin", SubjectRef.of("user", "bob"))));
        updates.add(RelationshipUpdate.touch(Relationship.of(acme, "owner", SubjectRef.of("user", "cy"))));
        for (String p : List.of("p1", "p2", "p3", "p4", "p5")) {
            updates.add(RelationshipUpdate.touch(Relationship.of(new ObjectRef("project", p), "organization", SubjectRef.of(acme))));
        }
        updates.add(RelationshipUpdate.touch(Relationship.of(new ObjectRef("environment", "prod"), "production",
                SubjectRef.wildcard("user"))));
        token = gatehouse.platform().authorizer().write(updates).value().value();
    }

    @AfterEach
    void recover() {
        authorizer.recover();
    }

    static String check(String resource, String permission, String subject) {
        String[] r = resource.split(":");
        String[] s = subject.split(":");
        return "{\"resource\":{\"type\":\"" + r[0] + "\",\"id\":\"" + r[1] + "\"},\"permission\":\"" + permission
                + "\",\"subject\":{\"type\":\"" + s[0] + "\",\"id\":\"" + s[1] + "\"}}";
    }

    @Nested
    class Permissions {
        @Test
        void anyAuthenticatedUserReadsTheCatalog() {
            var r = api.get("/api/v1/permissions", plain);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            JsonNode data = r.json().path("data");
            assertThat(data.size()).isEqualTo(PermissionCatalog.entries().size());
            JsonNode first = data.get(0);
            assertThat(first.path("scope").asText()).isEqualTo("organizations:read");
            assertThat(first.path("permission").asText()).isEqualTo("organizations_read");
            assertThat(first.path("least_role").asText()).isEqualTo("viewer");
            assertThat(first.path("description").asText()).isNotBlank();
        }

        @Test
        void anonymousCallersGet401() {
            ErrorResponsesTest.assertProblem(api.get("/api/v1/permissions"), 401, "unauthorized");
        }
    }

    @Nested
    class Check {
        @Test
        void answersFromTheBuiltInRoles() {
            var r = api.postJson("/api/v1/authz/check", check("project:p1", "projects_read", "user:ada"), admin);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            JsonNode data = r.json().path("data");
            assertThat(data.path("permissionship").asText()).isEqualTo("has_permission");
            assertThat(data.path("allowed").asBoolean()).isTrue();
            assertThat(Instant.parse(data.path("checked_at").asText())).isBeforeOrEqualTo(Instant.now());
            assertThat(data.has("consistency_token")).isFalse();

            var denied = api.postJson("/api/v1/authz/check", check("project:p1", "projects_write", "user:ada"), admin);
            assertThat(denied.json().at("/data/permissionship").asText()).isEqualTo("no_permission");
            assertThat(denied.json().at("/data/allowed").asBoolean()).isFalse();
        }

        @Test
        void honoursAndEchoesAConsistencyToken() {
            String body = "{\"resource\":{\"type\":\"organization\",\"id\":\"acme\"},\"permission\":\"owners_write\","
                    + "\"subject\":{\"type\":\"user\",\"id\":\"cy\"},\"consistency\":{\"at_least_as_fresh\":\"" + token + "\"}}";
            var r = api.postJson("/api/v1/authz/check", body, admin);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(r.json().at("/data/allowed").asBoolean()).isTrue();
            assertThat(r.json().at("/data/consistency_token").asText()).isEqualTo(token);
        }

        @Test
        void checksASubjectSetLikeSpiceDb() {
            String body = "{\"resource\":{\"type\":\"organization\",\"id\":\"acme\"},\"permission\":\"organizations_read\","
                    + "\"subject\":{\"type\":\"organization\",\"id\":\"acme\",\"relation\":\"viewer\"}}";
            var r = api.postJson("/api/v1/authz/check", body, admin);
            // As in SpiceDB, the subject set acme#viewer is itself a member of acme#viewer, so of organizations_read.
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(r.json().at("/data/allowed").asBoolean()).isTrue();
            var write = api.postJson("/api/v1/authz/check", body.replace("organizations_read", "organizations_write"), admin);
            assertThat(write.json().at("/data/allowed").asBoolean()).as(write.body()).isFalse();
        }

        @Test
        void nonAdminsGet403() {
            ErrorResponsesTest.assertProblem(
                    api.postJson("/api/v1/authz/check", check("project:p1", "projects_read", "user:ada"), plain),
                    403, "access_denied");
        }

        @Test
        void missingAndMalformedFieldsAre422NamingEachField() {
            var r = api.postJson("/api/v1/authz/check",
                    "{\"resource\":{\"type\":\"Project!\"},\"permission\":\"\",\"subject\":{\"type\":\"user\",\"id\":\"a b\",\"relation\":\"X\"}}",
                    admin);
            ErrorResponsesTest.assertProblem(r, 422, "validation_failed");
            JsonNode errors = r.json().path("errors");
            assertThat(errors.has("resource.type")).as(r.body()).isTrue();
            assertThat(errors.has("resource.id")).isTrue();
            assertThat(errors.has("permission")).isTrue();
            assertThat(errors.has("subject.id")).isTrue();
            assertThat(errors.has("subject.relation")).isTrue();

            var none = api.postJson("/api/v1/authz/check", "{}", admin);
            ErrorResponsesTest.assertProblem(none, 422, "validation_failed");
            assertThat(none.json().path("errors").has("resource")).isTrue();
            assertThat(none.json().path("errors").has("subject")).isTrue();
        }

        @Test
        void passesTheCaveatContextAndAnswersConditionalNamingWhatIsMissing() {
            String body = "{\"resource\":{\"type\":\"project\",\"id\":\"p1\"},\"permission\":\"projects_read\","
                    + "\"subject\":{\"type\":\"user\",\"id\":\"ada\"},\"context\":{\"day\":\"tuesday\",\"n\":3}}";
            var plainAnswer = api.postJson("/api/v1/authz/check", body, admin);
            assertThat(plainAnswer.status()).as(plainAnswer.body()).isEqualTo(200);
            assertThat(plainAnswer.json().path("data").path("permissionship").asText()).isEqualTo("has_permission");
            assertThat(plainAnswer.json().path("data").has("missing_context")).isFalse();
            assertThat(authorizer.lastContext()).containsEntry("day", "tuesday").containsKey("n");
            assertThat(((Number) authorizer.lastContext().get("n")).longValue()).isEqualTo(3L);

            authorizer.answerConditional(List.of("ip", "now"));
            var r = api.postJson("/api/v1/authz/check", check("project:p1", "projects_read", "user:ada"), admin);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            JsonNode data = r.json().path("data");
            assertThat(data.path("permissionship").asText()).isEqualTo("conditional_permission");
            assertThat(data.path("allowed").asBoolean()).isFalse();
            assertThat(data.path("missing_context").toString()).isEqualTo("[\"ip\",\"now\"]");
        }

        @Test
        void aContextThatIsNotAnObjectIs422() {
            var r = api.postJson("/api/v1/authz/check", "{\"resource\":{\"type\":\"project\",\"id\":\"p1\"},"
                    + "\"permission\":\"projects_read\",\"subject\":{\"type\":\"user\",\"id\":\"ada\"},\"context\":[1]}", admin);
            ErrorResponsesTest.assertProblem(r, 422, "validation_failed");
            assertThat(r.json().path("errors").has("context")).as(r.body()).isTrue();
        }

        @Test
        void wrongJsonTypesAre422NamingTheField() {
            var r = api.postJson("/api/v1/authz/check",
                    "{\"resource\":\"project:p1\",\"permission\":\"projects_read\",\"subject\":{\"type\":\"user\",\"id\":\"ada\"}}", admin);
            ErrorResponsesTest.assertProblem(r, 422, "validation_failed");
            assertThat(r.json().path("errors").has("resource")).as(r.body()).isTrue();
        }

        @Test
        void unknownTypeOrPermissionIs422FromTheEngine() {
            var type = api.postJson("/api/v1/authz/check", check("spaceship:s1", "projects_read", "user:ada"), admin);
            ErrorResponsesTest.assertProblem(type, 422, "validation_failed");
            assertThat(type.json().path("detail").asText()).contains("spaceship");
            var permission = api.postJson("/api/v1/authz/check", check("project:p1", "launch_rockets", "user:ada"), admin);
            ErrorResponsesTest.assertProblem(permission, 422, "validation_failed");
            assertThat(permission.json().path("detail").asText()).contains("launch_rockets");
        }

        @Test
        void aTokenFromTheFutureIsAConflictNotAnAnswer() {
            String body = "{\"resource\":{\"type\":\"organization\",\"id\":\"acme\"},\"permission\":\"owners_write\","
                    + "\"subject\":{\"type\":\"user\",\"id\":\"cy\"},\"consistency\":{\"at_least_as_fresh\":\"999999\"}}";
            ErrorResponsesTest.assertProblem(api.postJson("/api/v1/authz/check", body, admin), 409, "conflict");
        }

        @Test
        void anUndecidableEvaluationIsAConflictNamingTheCode() {
            authorizer.failWith(Failure.of(Reason.INVALID_STATE, "cannot decide the permission: depth limit 50 reached")
                    .withDetail("code", "evaluation_aborted"));
            var r = api.postJson("/api/v1/authz/check", check("project:p1", "projects_read", "user:ada"), admin);
            ErrorResponsesTest.assertProblem(r, 409, "conflict");
            assertThat(r.json().path("code").asText()).isEqualTo("evaluation_aborted");
            assertThat(r.body()).doesNotContain("has_permission");
        }

        @Test
        void anUnavailableEngineIs503WithRetryAfter() {
            authorizer.failWith(Failure.of(Reason.UNAVAILABLE, "the authorization engine did not answer"));
            var r = api.postJson("/api/v1/authz/check", check("project:p1", "projects_read", "user:ada"), admin);
            ErrorResponsesTest.assertProblem(r, 503, "service_unavailable");
            assertThat(r.header("Retry-After")).isEqualTo(String.valueOf(Problems.RETRY_AFTER_UNAVAILABLE));
        }
    }

    @Nested
    class LookupResources {
        @Test
        void pagesWithACursor() {
            String body = "{\"resource_type\":\"project\",\"permission\":\"projects_write\",\"subject\":{\"type\":\"user\",\"id\":\"bob\"},\"limit\":2}";
            var first = api.postJson("/api/v1/authz/lookup-resources", body, admin);
            assertThat(first.status()).as(first.body()).isEqualTo(200);
            List<String> ids = new ArrayList<>();
            first.json().path("data").forEach(o -> {
                assertThat(o.path("type").asText()).isEqualTo("project");
                ids.add(o.path("id").asText());
            });
            assertThat(first.json().at("/meta/limit").asInt()).isEqualTo(2);
            String cursor = first.json().at("/meta/next_cursor").asText();
            assertThat(cursor).isNotBlank();
            while (cursor != null) {
                var next = api.postJson("/api/v1/authz/lookup-resources",
                        body.replace("\"limit\":2", "\"limit\":2,\"cursor\":\"" + cursor + "\""), admin);
                assertThat(next.status()).as(next.body()).isEqualTo(200);
                next.json().path("data").forEach(o -> ids.add(o.path("id").asText()));
                cursor = next.json().at("/meta/next_cursor").isNull() ? null : next.json().at("/meta/next_cursor").asText();
            }
            assertThat(ids).containsExactly("p1", "p2", "p3", "p4", "p5");
        }

        @Test
        void passesTheCaveatContextAndListsConditionalResourcesNamingWhatIsMissing() {
            String body = "{\"resource_type\":\"project\",\"permission\":\"projects_write\",\"subject\":{\"type\":\"user\","
                    + "\"id\":\"bob\"},\"context\":{\"ip\":\"10.0.0.1\"}}";
            var definite = api.postJson("/api/v1/authz/lookup-resources", body, admin);
            assertThat(definite.status()).as(definite.body()).isEqualTo(200);
            assertThat(authorizer.lastContext()).containsEntry("ip", "10.0.0.1");
            assertThat(definite.json().path("data").size()).isEqualTo(5);
            definite.json().path("data").forEach(o -> {
                assertThat(o.path("permissionship").asText()).isEqualTo("has_permission");
                assertThat(o.has("missing_context")).isFalse();
            });

            authorizer.answerConditional(List.of("ip"));
            var r = api.postJson("/api/v1/authz/lookup-resources", body.replace(",\"context\":{\"ip\":\"10.0.0.1\"}", ""), admin);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(r.json().path("data").size()).isEqualTo(5);
            r.json().path("data").forEach(o -> {
                assertThat(o.path("permissionship").asText()).isEqualTo("conditional_permission");
                assertThat(o.path("missing_context").toString()).isEqualTo("[\"ip\"]");
            });

            var notObject = api.postJson("/api/v1/authz/lookup-resources", body.replace("{\"ip\":\"10.0.0.1\"}", "\"ip\""), admin);
            ErrorResponsesTest.assertProblem(notObject, 422, "validation_failed");
            assertThat(notObject.json().path("errors").has("context")).as(notObject.body()).isTrue();
        }

        @Test
        void aSubjectWithoutAccessFindsNothing() {
            var r = api.postJson("/api/v1/authz/lookup-resources",
                    "{\"resource_type\":\"project\",\"permission\":\"projects_read\",\"subject\":{\"type\":\"user\",\"id\":\"stranger\"}}", admin);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().path("data").size()).isZero();
            assertThat(r.json().at("/meta/next_cursor").isNull()).isTrue();
            assertThat(r.json().at("/meta/limit").asInt()).isEqualTo(100);
        }

        @Test
        void rejectsBadLimitCursorAndFields() {
            var limit = api.postJson("/api/v1/authz/lookup-resources",
                    "{\"resource_type\":\"project\",\"permission\":\"projects_read\",\"subject\":{\"type\":\"user\",\"id\":\"ada\"},\"limit\":5000}", admin);
            ErrorResponsesTest.assertProblem(limit, 422, "validation_failed");
            assertThat(limit.json().path("errors").has("limit")).isTrue();
            var cursor = api.postJson("/api/v1/authz/lookup-resources",
                    "{\"resource_type\":\"project\",\"permission\":\"projects_read\",\"subject\":{\"type\":\"user\",\"id\":\"ada\"},\"cursor\":\"!!\"}", admin);
            ErrorResponsesTest.assertProblem(cursor, 422, "validation_failed");
            assertThat(cursor.json().path("errors").has("cursor")).isTrue();
            var fields = api.postJson("/api/v1/authz/lookup-resources", "{\"permission\":\"projects_read\"}", admin);
            ErrorResponsesTest.assertProblem(fields, 422, "validation_failed");
            assertThat(fields.json().path("errors").has("resource_type")).isTrue();
            assertThat(fields.json().path("errors").has("subject")).isTrue();
        }

        @Test
        void nonAdminsGet403AndAnUnavailableEngine503() {
            String body = "{\"resource_type\":\"project\",\"permission\":\"projects_read\",\"subject\":{\"type\":\"user\",\"id\":\"ada\"}}";
            ErrorResponsesTest.assertProblem(api.postJson("/api/v1/authz/lookup-resources", body, plain), 403, "access_denied");
            authorizer.failWith(Failure.of(Reason.UNAVAILABLE, "the authorization engine did not answer"));
            ErrorResponsesTest.assertProblem(api.postJson("/api/v1/authz/lookup-resources", body, admin), 503, "service_unavailable");
        }
    }

    @Nested
    class LookupSubjects {
        @Test
        void listsTheSubjectsWithThePermission() {
            var r = api.postJson("/api/v1/authz/lookup-subjects",
                    "{\"resource\":{\"type\":\"project\",\"id\":\"p3\"},\"permission\":\"projects_write\",\"subject_type\":\"user\"}", admin);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            List<String> ids = new ArrayList<>();
            r.json().path("data").forEach(s -> {
                assertThat(s.path("type").asText()).isEqualTo("user");
                assertThat(s.has("relation")).isFalse();
                ids.add(s.path("id").asText());
            });
            assertThat(ids).containsExactly("bob", "cy");
            assertThat(r.json().at("/meta/wildcard").asBoolean()).isFalse();
            assertThat(r.json().at("/meta/excluded_from_wildcard").isArray()).isTrue();
        }

        @Test
        void reportsAWildcard() {
            var r = api.postJson("/api/v1/authz/lookup-subjects",
                    "{\"resource\":{\"type\":\"environment\",\"id\":\"prod\"},\"permission\":\"production\",\"subject_type\":\"user\"}", admin);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(r.json().path("data").size()).isZero();
            assertThat(r.json().at("/meta/wildcard").asBoolean()).isTrue();
        }

        @Test
        void passesTheCaveatContextAndListsConditionalSubjectsNamingWhatIsMissing() {
            String body = "{\"resource\":{\"type\":\"project\",\"id\":\"p3\"},\"permission\":\"projects_write\","
                    + "\"subject_type\":\"user\",\"context\":{\"day\":\"tuesday\"}}";
            var definite = api.postJson("/api/v1/authz/lookup-subjects", body, admin);
            assertThat(definite.status()).as(definite.body()).isEqualTo(200);
            assertThat(authorizer.lastContext()).containsEntry("day", "tuesday");
            definite.json().path("data").forEach(s -> {
                assertThat(s.path("permissionship").asText()).isEqualTo("has_permission");
                assertThat(s.has("missing_context")).isFalse();
            });
            assertThat(definite.json().path("data").size()).isEqualTo(2);

            authorizer.answerConditional(List.of("day"));
            var r = api.postJson("/api/v1/authz/lookup-subjects", body.replace(",\"context\":{\"day\":\"tuesday\"}", ""), admin);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(authorizer.lastContext()).isEmpty();
            List<String> ids = new ArrayList<>();
            r.json().path("data").forEach(s -> {
                assertThat(s.path("permissionship").asText()).isEqualTo("conditional_permission");
                assertThat(s.path("missing_context").toString()).isEqualTo("[\"day\"]");
                ids.add(s.path("id").asText());
            });
            assertThat(ids).containsExactly("bob", "cy");

            var notObject = api.postJson("/api/v1/authz/lookup-subjects", body.replace("{\"day\":\"tuesday\"}", "[1]"), admin);
            ErrorResponsesTest.assertProblem(notObject, 422, "validation_failed");
            assertThat(notObject.json().path("errors").has("context")).as(notObject.body()).isTrue();
        }

        @Test
        void rejectsBadFieldsAndNonAdmins() {
            var r = api.postJson("/api/v1/authz/lookup-subjects",
                    "{\"resource\":{\"type\":\"project\",\"id\":\"p3\"},\"permission\":\"projects_write\",\"subject_type\":\"User\",\"subject_relation\":\"-\"}", admin);
            ErrorResponsesTest.assertProblem(r, 422, "validation_failed");
            assertThat(r.json().path("errors").has("subject_type")).isTrue();
            assertThat(r.json().path("errors").has("subject_relation")).isTrue();
            var unknown = api.postJson("/api/v1/authz/lookup-subjects",
                    "{\"resource\":{\"type\":\"project\",\"id\":\"p3\"},\"permission\":\"projects_write\",\"subject_type\":\"robot\"}", admin);
            ErrorResponsesTest.assertProblem(unknown, 422, "validation_failed");
            ErrorResponsesTest.assertProblem(api.postJson("/api/v1/authz/lookup-subjects",
                    "{\"resource\":{\"type\":\"project\",\"id\":\"p3\"},\"permission\":\"projects_write\",\"subject_type\":\"user\"}", plain),
                    403, "access_denied");
        }
    }
}
