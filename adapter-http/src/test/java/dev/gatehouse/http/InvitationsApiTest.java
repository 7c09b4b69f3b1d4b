package dev.gatehouse.http;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.gatehouse.http.ErrorResponsesTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest
class InvitationsApiTest extends ApiTestBase {
    private Api.Response invite(Tenants.Org org, String email, String role, String token) {
        return api.postJson(org.path() + "/invitations", "{\"email\":\"" + email + "\",\"role\":\"" + role + "\"}", token);
    }

    @Nested
    class Create {
        @Test
        void returnsTheTokenAndAcceptUrlOnceWith201() {
            var org = tenants.org();
            var r = invite(org, "New.Person@example.com", "member", org.admin().token());
            assertThat(r.status()).as(r.body()).isEqualTo(201);
            var data = r.json().path("data");
            assertThat(data.path("id").asText()).startsWith("inv_");
            assertThat(data.path("email").asText()).isEqualTo("new.person@example.com");
            assertThat(data.path("status").asText()).isEqualTo("pending");
            assertThat(data.path("invited_by").asText()).isEqualTo(org.admin().id());
            String token = data.path("token").asText();
            assertThat(token).hasSize(40);
            assertThat(data.path("accept_url").asText()).isEqualTo("http://localhost:8080/invitations/" + token);
            var listed = api.get(org.path() + "/invitations", org.viewer().token());
            assertThat(listed.status()).isEqualTo(200);
            assertThat(listed.json().at("/meta/total").asInt()).isEqualTo(1);
            assertThat(listed.body()).doesNotContain(token).doesNotContain("token_hash");
        }

        @Test
        void followsTheRulesOfAddingMembers() {
            var org = tenants.org();
            assertProblem(invite(org, "x@example.com", "owner", org.admin().token()), 403, "access_denied");
            assertProblem(invite(org, "x@example.com", "member", org.member().token()), 403, "access_denied");
            assertProblem(invite(org, "x@example.com", "member", org.outsider().token()), 404, "not_found");
            assertProblem(invite(org, "not-an-email", "member", org.owner().token()), 422, "validation_failed");
            assertProblem(invite(org, "x@example.com", "role_01h455vb4pex5vsknk084sn02q", org.owner().token()), 422, "validation_failed");
            var tooLong = api.postJson(org.path() + "/invitations", "{\"email\":\"x@example.com\",\"role\":\"member\",\"expires_in_days\":31}",
                    org.owner().token());
            assertProblem(tooLong, 422, "validation_failed");
            assertThat(tooLong.json().path("errors").has("expires_in_days")).isTrue();
            assertProblem(invite(org, org.viewer().email(), "member", org.owner().token()), 409, "conflict");
        }

        @Test
        void outsidersCannotListInvitations() {
            var org = tenants.org();
            assertProblem(api.get(org.path() + "/invitations", org.outsider().token()), 404, "not_found");
            assertProblem(api.get(org.path() + "/invitations?status=lost", org.owner().token()), 422, "validation_failed");
        }
    }

    @Nested
    class Accept {
        @Test
        void theInvitedUserBecomesAMemberOnceAndOthersCannot() {
            var org = tenants.org();
            var carol = tenants.person("carol");
            String token = invite(org, carol.email().toUpperCase(), "admin", org.owner().token()).json().at("/data/token").asText();
            assertProblem(api.postJson("/api/v1/invitations/" + token + "/accept", "", org.outsider().token()), 403, "access_denied");
            var r = api.postJson("/api/v1/invitations/" + token + "/accept", "", carol.token());
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(r.json().at("/data/role").asText()).isEqualTo("admin");
            assertThat(r.json().at("/data/organization_id").asText()).isEqualTo(org.id());
            assertThat(api.get(org.path(), carol.token()).status()).isEqualTo(200);
            var again = api.postJson("/api/v1/invitations/" + token + "/accept", "", carol.token());
            assertProblem(again, 409, "conflict");
            assertThat(again.json().path("detail").asText()).contains("already been accepted");
            assertThat(again.json().path("invitation_status").asText()).isEqualTo("accepted");
        }

        @Test
        void unknownTokensAre404AndAnonymousCallers401() {
            var carol = tenants.person("carol");
            assertProblem(api.postJson("/api/v1/invitations/" + "A".repeat(40) + "/accept", "", carol.token()), 404, "not_found");
            assertProblem(api.postJson("/api/v1/invitations/short/accept", "", carol.token()), 404, "not_found");
            assertProblem(api.postJson("/api/v1/invitations/" + "A".repeat(40) + "/accept", "", null), 401, "unauthorized");
        }
    }

    @Nested
    class RevokeAndResend {
        @Test
        void aRevokedInvitationCannotBeAccepted() {
            var org = tenants.org();
            var carol = tenants.person("carol");
            var data = invite(org, carol.email(), "member", org.owner().token()).json().path("data");
            String path = org.path() + "/invitations/" + data.path("id").asText();
            assertProblem(tenants.delete(path, org.viewer().token()), 403, "access_denied");
            assertProblem(tenants.delete(path, org.outsider().token()), 404, "not_found");
            assertThat(tenants.delete(path, org.admin().token()).status()).isEqualTo(204);
            var accept = api.postJson("/api/v1/invitations/" + data.path("token").asText() + "/accept", "", carol.token());
            assertProblem(accept, 409, "conflict");
            assertThat(accept.json().path("detail").asText()).contains("revoked");
            assertProblem(tenants.delete(path, org.admin().token()), 409, "conflict");
            assertThat(api.get(org.path() + "/invitations?status=revoked", org.owner().token()).json().at("/meta/total").asInt())
                    .isEqualTo(1);
        }

        @Test
        void resendingIssuesANewTokenAndTheOldOneDies() {
            var org = tenants.org();
            var carol = tenants.person("carol");
            var data = invite(org, carol.email(), "viewer", org.owner().token()).json().path("data");
            String path = org.path() + "/invitations/" + data.path("id").asText() + "/resend";
            assertProblem(api.postJson(path, "", org.member().token()), 403, "access_denied");
            assertProblem(api.postJson(path, "", org.outsider().token()), 404, "not_found");
            var resent = api.postJson(path, "", org.admin().token());
            assertThat(resent.status()).as(resent.body()).isEqualTo(200);
            String fresh = resent.json().at("/data/token").asText();
            assertThat(fresh).isNotEqualTo(data.path("token").asText());
            assertProblem(api.postJson("/api/v1/invitations/" + data.path("token").asText() + "/accept", "", carol.token()),
                    404, "not_found");
            assertThat(api.postJson("/api/v1/invitations/" + fresh + "/accept", "", carol.token()).status()).isEqualTo(200);
        }

        @Test
        void unknownInvitationIdsAre404() {
            var org = tenants.org();
            for (String id : List.of("inv_01h455vb4pex5vsknk084sn02q", "org_01h455vb4pex5vsknk084sn02q", "x")) {
                assertProblem(tenants.delete(org.path() + "/invitations/" + id, org.owner().token()), 404, "not_found");
            }
        }
    }
}
