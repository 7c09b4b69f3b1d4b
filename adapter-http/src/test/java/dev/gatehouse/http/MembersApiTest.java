package dev.gatehouse.http;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.gatehouse.http.ErrorResponsesTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest
class MembersApiTest extends ApiTestBase {
    @Nested
    class ListMembers {
        @Test
        void everyRoleListsMembersWithEmailNameAndRole() {
            var org = tenants.org();
            for (var who : List.of(org.owner(), org.admin(), org.member(), org.viewer())) {
                var r = api.get(org.path() + "/members", who.token());
                assertThat(r.status()).as(r.body()).isEqualTo(200);
                assertThat(r.json().at("/meta/total").asInt()).isEqualTo(4);
            }
            var first = api.get(org.path() + "/members", org.viewer().token()).json().at("/data/0");
            assertThat(first.path("id").asText()).startsWith("mem_");
            assertThat(first.path("email").asText()).isEqualTo(org.owner().email());
            assertThat(first.path("name").asText()).isEqualTo("Test User");
            assertThat(first.path("role").asText()).isEqualTo("owner");
            var admins = api.get(org.path() + "/members?status=admin", org.viewer().token()).json();
            assertThat(admins.at("/meta/total").asInt()).isEqualTo(1);
            assertProblem(api.get(org.path() + "/members?status=king", org.viewer().token()), 422, "validation_failed");
        }

        @Test
        void outsidersGet404() {
            var org = tenants.org();
            assertProblem(api.get(org.path() + "/members", org.outsider().token()), 404, "not_found");
        }
    }

    @Nested
    class Add {
        @Test
        void addsAnExistingUserByEmailWith201() {
            var org = tenants.org();
            var carol = tenants.person("carol");
            var r = api.postJson(org.path() + "/members", "{\"email\":\"" + carol.email().toUpperCase() + "\",\"role\":\"member\","
                    + "\"organization_id\":\"org_01h455vb4pex5vsknk084sn02q\",\"id\":\"mem_01h455vb4pex5vsknk084sn02q\"}",
                    org.admin().token());
            assertThat(r.status()).as(r.body()).isEqualTo(201);
            assertThat(r.json().at("/data/user_id").asText()).isEqualTo(carol.id());
            assertThat(r.json().at("/data/organization_id").asText()).isEqualTo(org.id());
            assertThat(r.json().at("/data/id").asText()).isNotEqualTo("mem_01h455vb4pex5vsknk084sn02q");
            assertThat(api.get(org.path(), carol.token()).status()).isEqualTo(200);
            assertProblem(api.postJson(org.path() + "/members", "{\"user_id\":\"" + carol.id() + "\",\"role\":\"viewer\"}",
                    org.admin().token()), 409, "conflict");
        }

        @Test
        void anAdminCannotAddAnOwnerButAnOwnerCan() {
            var org = tenants.org();
            var carol = tenants.person("carol");
            var denied = api.postJson(org.path() + "/members", "{\"user_id\":\"" + carol.id() + "\",\"role\":\"owner\"}", org.admin().token());
            assertProblem(denied, 403, "access_denied");
            assertThat(denied.json().path("required_scope").asText()).isEqualTo("owners:write");
            assertThat(api.postJson(org.path() + "/members", "{\"user_id\":\"" + carol.id() + "\",\"role\":\"owner\"}",
                    org.owner().token()).status()).isEqualTo(201);
        }

        @Test
        void membersAndViewersGet403AndOutsiders404() {
            var org = tenants.org();
            var carol = tenants.person("carol");
            String body = "{\"user_id\":\"" + carol.id() + "\",\"role\":\"viewer\"}";
            assertProblem(api.postJson(org.path() + "/members", body, org.member().token()), 403, "access_denied");
            assertProblem(api.postJson(org.path() + "/members", body, org.viewer().token()), 403, "access_denied");
            assertProblem(api.postJson(org.path() + "/members", body, org.outsider().token()), 404, "not_found");
        }

        @Test
        void rejectsCustomRolesBadRolesAndUnknownUsersWith422() {
            var org = tenants.org();
            var carol = tenants.person("carol");
            var custom = api.postJson(org.path() + "/members", "{\"user_id\":\"" + carol.id() + "\",\"role\":\"role_01h455vb4pex5vsknk084sn02q\"}",
                    org.owner().token());
            assertProblem(custom, 422, "validation_failed");
            assertThat(custom.json().at("/errors/role/0").asText()).contains("custom roles are given with POST /api/v1/role-assignments");
            assertProblem(api.postJson(org.path() + "/members", "{\"user_id\":\"" + carol.id() + "\",\"role\":\"emperor\"}",
                    org.owner().token()), 422, "validation_failed");
            var ghost = api.postJson(org.path() + "/members", "{\"email\":\"ghost@example.com\",\"role\":\"member\"}", org.owner().token());
            assertProblem(ghost, 422, "validation_failed");
            assertThat(ghost.json().path("errors").has("email")).isTrue();
            assertProblem(api.postJson(org.path() + "/members", "{\"role\":\"member\"}", org.owner().token()), 422, "validation_failed");
        }
    }

    @Nested
    class ChangeRole {
        @Test
        void anAdminChangesRolesBelowOwner() {
            var org = tenants.org();
            var r = tenants.patch(org.path() + "/members/" + org.viewer().id(), "{\"role\":\"member\"}", org.admin().token());
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(r.json().at("/data/role").asText()).isEqualTo("member");
        }

        @Test
        void anAdminCannotGrantOwnerNorRaiseThemself() {
            var org = tenants.org();
            assertProblem(tenants.patch(org.path() + "/members/" + org.member().id(), "{\"role\":\"owner\"}", org.admin().token()),
                    403, "access_denied");
            var self = tenants.patch(org.path() + "/members/" + org.admin().id(), "{\"role\":\"owner\"}", org.admin().token());
            assertProblem(self, 403, "access_denied");
            assertThat(self.json().path("rule").asText()).isEqualTo("self_promotion");
        }

        @Test
        void theLastOwnerCannotBeDemoted() {
            var org = tenants.org();
            var r = tenants.patch(org.path() + "/members/" + org.owner().id(), "{\"role\":\"admin\"}", org.owner().token());
            assertProblem(r, 409, "conflict");
            assertThat(r.json().path("detail").asText()).contains("at least one owner");
            assertThat(r.json().path("rule").asText()).isEqualTo("last_owner");
        }

        @Test
        void membersGet403OutsidersAndUnknownMembers404AndBadRoles422() {
            var org = tenants.org();
            assertProblem(tenants.patch(org.path() + "/members/" + org.viewer().id(), "{\"role\":\"admin\"}", org.member().token()),
                    403, "access_denied");
            assertProblem(tenants.patch(org.path() + "/members/" + org.viewer().id(), "{\"role\":\"admin\"}", org.outsider().token()),
                    404, "not_found");
            assertProblem(tenants.patch(org.path() + "/members/" + org.outsider().id(), "{\"role\":\"admin\"}", org.owner().token()),
                    404, "not_found");
            assertProblem(tenants.patch(org.path() + "/members/not-an-id", "{\"role\":\"admin\"}", org.owner().token()),
                    404, "not_found");
            assertProblem(tenants.patch(org.path() + "/members/" + org.viewer().id(), "{\"role\":\"root\"}", org.owner().token()),
                    422, "validation_failed");
        }
    }

    @Nested
    class Remove {
        @Test
        void removingEndsAccessAtOnce() {
            var org = tenants.org();
            var r = tenants.delete(org.path() + "/members/" + org.member().id(), org.admin().token());
            assertThat(r.status()).isEqualTo(204);
            assertProblem(api.get(org.path(), org.member().token()), 404, "not_found");
            assertProblem(tenants.delete(org.path() + "/members/" + org.member().id(), org.admin().token()), 404, "not_found");
        }

        @Test
        void theLastOwnerStaysAndAdminsCannotRemoveOwners() {
            var org = tenants.org();
            assertProblem(tenants.delete(org.path() + "/members/" + org.owner().id(), org.admin().token()), 403, "access_denied");
            assertProblem(tenants.delete(org.path() + "/members/" + org.owner().id(), org.owner().token()), 409, "conflict");
        }

        @Test
        void viewersGet403AndOutsiders404() {
            var org = tenants.org();
            assertProblem(tenants.delete(org.path() + "/members/" + org.member().id(), org.viewer().token()), 403, "access_denied");
            assertProblem(tenants.delete(org.path() + "/members/" + org.member().id(), org.outsider().token()), 404, "not_found");
        }
    }
}
