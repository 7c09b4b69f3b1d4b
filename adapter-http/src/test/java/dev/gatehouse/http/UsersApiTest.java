package dev.gatehouse.http;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest
class UsersApiTest extends ApiTestBase {
    String admin;

    @BeforeAll
    void setUp() {
        admin = api.adminToken();
        for (int i = 1; i <= 7; i++) {
            var r = api.postJson("/api/v1/users",
                    "{\"email\":\"member" + i + "@example.com\",\"password\":\"long-enough-pw\",\"name\":\"Member " + (char) ('A' + i) + "\"}", admin);
            assertThat(r.status()).as(r.body()).isEqualTo(201);
        }
    }

    @Nested
    class Create {
        @Test
        void createsAUserWith201AndTheResource() {
            var r = api.postJson("/api/v1/users",
                    "{\"email\":\"New.Person@Example.com\",\"password\":\"long-enough-pw\",\"name\":\"New Person\",\"platform_admin\":true}", admin);
            assertThat(r.status()).isEqualTo(201);
            var data = r.json().path("data");
            assertThat(data.path("id").asText()).startsWith("usr_");
            assertThat(data.path("email").asText()).isEqualTo("new.person@example.com");
            assertThat(data.path("platform_admin").asBoolean()).isTrue();
            assertThat(data.path("status").asText()).isEqualTo("active");
            assertThat(Instant.parse(data.path("created_at").asText())).isBeforeOrEqualTo(Instant.now());
            assertThat(r.header("Location")).isEqualTo("/api/v1/users/" + data.path("id").asText());
            assertThat(r.body()).doesNotContain("password").doesNotContain("pbkdf2");
        }

        @Test
        void nonAdminsMayNotCreateUsers() {
            String member = api.userToken(gatehouse, "creator@example.com", false);
            var r = api.postJson("/api/v1/users", "{\"email\":\"x@example.com\",\"password\":\"long-enough-pw\"}", member);
            ErrorResponsesTest.assertProblem(r, 403, "access_denied");
        }
    }

    @Nested
    class Read {
        @Test
        void getsAUserById() {
            var created = api.postJson("/api/v1/users", "{\"email\":\"reader@example.com\",\"password\":\"long-enough-pw\",\"name\":\"R\"}", admin);
            String id = created.json().at("/data/id").asText();
            var r = api.get("/api/v1/users/" + id, admin);
            assertThat(r.status()).isEqualTo(200);
            // the user as created, with their sessions and organizations (none yet)
            var data = (com.fasterxml.jackson.databind.node.ObjectNode) r.json().path("data").deepCopy();
            assertThat(data.remove("sessions").size()).isZero();
            assertThat(data.remove("organizations").size()).isZero();
            assertThat(data).isEqualTo(created.json().path("data"));
        }

        @Test
        void aUserReadsThemselfButNotOthers() {
            String token = api.userToken(gatehouse, "self@example.com", false);
            String selfId = api.get("/api/v1/me", token).json().at("/data/id").asText();
            assertThat(api.get("/api/v1/users/" + selfId, token).status()).isEqualTo(200);
            String adminId = api.get("/api/v1/me", admin).json().at("/data/id").asText();
            ErrorResponsesTest.assertProblem(api.get("/api/v1/users/" + adminId, token), 404, "not_found");
        }
    }

    @Nested
    class ListUsers {
        @Test
        void listsWithTheEnvelopeAndDefaultPageSize() {
            var r = api.get("/api/v1/users", admin);
            assertThat(r.status()).isEqualTo(200);
            var json = r.json();
            assertThat(json.path("data").isArray()).isTrue();
            var meta = json.path("meta");
            assertThat(meta.path("current_page").asInt()).isEqualTo(1);
            assertThat(meta.path("per_page").asInt()).isEqualTo(25);
            assertThat(meta.path("from").asInt()).isEqualTo(1);
            assertThat(meta.path("total").asLong()).isEqualTo(json.path("data").size());
            assertThat(meta.path("to").asLong()).isEqualTo(meta.path("total").asLong());
            assertThat(meta.path("last_page").asInt()).isEqualTo(1);
            var links = json.path("links");
            assertThat(links.path("first").asText()).isEqualTo("/api/v1/users?page=1");
            assertThat(links.path("prev").isNull()).isTrue();
            assertThat(links.path("next").isNull()).isTrue();
        }

        @Test
        void pagesWithLinksThatKeepTheOtherParameters() {
            var r = api.get("/api/v1/users?per_page=3&sort=email&search=member&page=2", admin);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            var json = r.json();
            assertThat(json.at("/meta/total").asInt()).isEqualTo(7);
            assertThat(json.at("/meta/last_page").asInt()).isEqualTo(3);
            assertThat(json.at("/meta/from").asInt()).isEqualTo(4);
            assertThat(json.at("/meta/to").asInt()).isEqualTo(6);
            List<String> emails = new ArrayList<>();
            json.path("data").forEach(u -> emails.add(u.path("email").asText()));
            assertThat(emails).containsExactly("member4@example.com", "member5@example.com", "member6@example.com");
            assertThat(json.at("/links/prev").asText()).isEqualTo("/api/v1/users?per_page=3&sort=email&search=member&page=1");
            assertThat(json.at("/links/next").asText()).isEqualTo("/api/v1/users?per_page=3&sort=email&search=member&page=3");
            assertThat(json.at("/links/last").asText()).isEqualTo("/api/v1/users?per_page=3&sort=email&search=member&page=3");
            var next = api.get(json.at("/links/next").asText(), admin).json();
            assertThat(next.path("data").size()).isEqualTo(1);
            assertThat(next.at("/links/next").isNull()).isTrue();
        }

        @Test
        void sortsDescendingAndByName() {
            var r = api.get("/api/v1/users?search=member&sort=-email", admin).json();
            assertThat(r.path("data").get(0).path("email").asText()).isEqualTo("member7@example.com");
            var byName = api.get("/api/v1/users?search=member&sort=name", admin).json();
            assertThat(byName.path("data").get(0).path("name").asText()).isEqualTo("Member B");
        }

        @Test
        void filtersByCreationTime() {
            var all = api.get("/api/v1/users?search=member&sort=created_at&per_page=100", admin).json().path("data");
            String fourth = all.get(3).path("created_at").asText();
            var after = api.get("/api/v1/users?search=member&created_after=" + fourth, admin).json();
            assertThat(after.at("/meta/total").asInt()).isEqualTo(3);
            var before = api.get("/api/v1/users?search=member&created_before=2000-01-01T00:00:00Z", admin).json();
            assertThat(before.at("/meta/total").asInt()).isZero();
            assertThat(before.at("/meta/from").isNull()).isTrue();
            var withOffset = api.get("/api/v1/users?search=member&updated_after=2000-01-01T01:00:00%2B01:00", admin).json();
            assertThat(withOffset.at("/meta/total").asInt()).isEqualTo(7);
        }

        @Test
        void filtersByStatus() {
            assertThat(api.get("/api/v1/users?status=deactivated&search=member", admin).json().at("/meta/total").asInt()).isZero();
            ErrorResponsesTest.assertProblem(api.get("/api/v1/users?status=sleeping", admin), 422, "validation_failed");
        }

        @Test
        void rejectsBadParametersWith422NamingEachField() {
            var r = api.get("/api/v1/users?page=zero&per_page=500&sort=password_hash&created_after=yesterday&updated_before=2026-13-01", admin);
            ErrorResponsesTest.assertProblem(r, 422, "validation_failed");
            var errors = r.json().path("errors");
            assertThat(errors.has("page")).isTrue();
            assertThat(errors.has("sort")).isTrue();
            assertThat(errors.has("created_after")).isTrue();
            assertThat(errors.has("updated_before")).isTrue();
            assertThat(errors.path("sort").get(0).asText()).contains("created_at, email, name, updated_at");
        }

        @Test
        void rejectsPerPageOverOneHundred() {
            var r = api.get("/api/v1/users?per_page=101", admin);
            ErrorResponsesTest.assertProblem(r, 422, "validation_failed");
            assertThat(r.json().path("errors").has("per_page")).isTrue();
        }

        @Test
        void nonAdminsMayNotList() {
            ErrorResponsesTest.assertProblem(api.get("/api/v1/users", api.userToken(gatehouse, "lister@example.com", false)),
                    403, "access_denied");
        }
    }

    @Nested
    class UpdateAndDeactivate {
        private String idOf(String token) {
            return api.get("/api/v1/me", token).json().at("/data/id").asText();
        }

        @Test
        void aUserRenamesThemselfAndMassAssignmentIsIgnored() {
            String token = api.userToken(gatehouse, "renamer@example.com", false);
            String id = idOf(token);
            var r = api.patchJson("/api/v1/users/" + id, "{\"name\":\"New Name\",\"email\":\"evil@example.com\","
                    + "\"platform_admin\":true,\"status\":\"deactivated\",\"id\":\"usr_01h455vb4pex5vsknk084sn02q\"}", token);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            var data = r.json().path("data");
            assertThat(data.path("name").asText()).isEqualTo("New Name");
            assertThat(data.path("id").asText()).isEqualTo(id);
            assertThat(data.path("email").asText()).isEqualTo("renamer@example.com");
            assertThat(data.path("platform_admin").asBoolean()).isFalse();
            assertThat(data.path("status").asText()).isEqualTo("active");
            var tooLong = api.patchJson("/api/v1/users/" + id, "{\"name\":\"" + "x".repeat(201) + "\"}", token);
            ErrorResponsesTest.assertProblem(tooLong, 422, "validation_failed");
        }

        @Test
        void othersAreNotFoundButPlatformAdminsRenameAnyone() {
            String token = api.userToken(gatehouse, "nosy@example.com", false);
            String victim = idOf(api.userToken(gatehouse, "victim@example.com", false));
            ErrorResponsesTest.assertProblem(api.patchJson("/api/v1/users/" + victim, "{\"name\":\"X\"}", token), 404, "not_found");
            ErrorResponsesTest.assertProblem(api.patchJson("/api/v1/users/not-a-user", "{\"name\":\"X\"}", admin), 404, "not_found");
            var r = api.patchJson("/api/v1/users/" + victim, "{\"name\":\"Renamed By Admin\"}", admin);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().at("/data/name").asText()).isEqualTo("Renamed By Admin");
        }

        @Test
        void deactivationEndsTheUsersSessionsAtOnce() {
            String token = api.userToken(gatehouse, "leaver@example.com", false);
            String id = idOf(token);
            assertThat(api.get("/api/v1/me", token).status()).isEqualTo(200);
            ErrorResponsesTest.assertProblem(api.delete("/api/v1/users/" + id, token), 403, "access_denied");
            var r = api.delete("/api/v1/users/" + id, admin);
            assertThat(r.status()).isEqualTo(204);
            ErrorResponsesTest.assertProblem(api.get("/api/v1/me", token), 401, "unauthorized");
            assertThat(api.get("/api/v1/users/" + id, admin).json().at("/data/status").asText()).isEqualTo("deactivated");
            var login = api.postJson("/api/v1/auth/login", "{\"email\":\"leaver@example.com\",\"password\":\"a-long-password\"}", null);
            assertThat(login.status()).isEqualTo(401);
        }

        @Test
        void onlyPlatformAdminsDeactivateAndNotThemselves() {
            String token = api.userToken(gatehouse, "bystander@example.com", false);
            String other = idOf(api.userToken(gatehouse, "target@example.com", false));
            ErrorResponsesTest.assertProblem(api.delete("/api/v1/users/" + other, token), 404, "not_found");
            ErrorResponsesTest.assertProblem(api.delete("/api/v1/users/" + idOf(admin), admin), 409, "conflict");
            ErrorResponsesTest.assertProblem(api.delete("/api/v1/users/usr_01h455vb4pex5vsknk084sn02q", admin), 404, "not_found");
        }
    }
}
