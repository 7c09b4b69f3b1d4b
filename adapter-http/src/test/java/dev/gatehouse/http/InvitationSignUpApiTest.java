package dev.gatehouse.http;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static dev.gatehouse.http.ErrorResponsesTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Accepting an invitation for an email without an account: the account, the membership and a session in one step. */
@MicronautTest
class InvitationSignUpApiTest extends ApiTestBase {
    private static final AtomicInteger SEQ = new AtomicInteger();

    String admin;

    @BeforeAll
    void setUp() {
        admin = api.adminToken();
    }

    private record Invited(Tenants.Org org, String email, String token) {
    }

    private Invited invite() {
        var org = tenants.org();
        String email = "newcomer" + SEQ.incrementAndGet() + "@example.com";
        var r = api.postJson(org.path() + "/invitations", "{\"email\":\"" + email + "\",\"role\":\"member\"}", org.owner().token());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return new Invited(org, email, r.json().at("/data/token").asText());
    }

    private Api.Response accept(String token, String body) {
        return api.postJson("/api/v1/invitations/" + token + "/accept", body, null);
    }

    @Test
    void anUnknownEmailBecomesAMemberWithASessionInOneStep() {
        var inv = invite();
        var r = accept(inv.token(), "{\"name\":\"Nora Newcomer\",\"password\":\"a brand new password\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.header("Cache-Control")).isEqualTo("no-store");
        var data = r.json().path("data");
        assertThat(data.at("/user/email").asText()).isEqualTo(inv.email());
        assertThat(data.at("/user/name").asText()).isEqualTo("Nora Newcomer");
        assertThat(data.at("/member/role").asText()).isEqualTo("member");
        String session = data.path("token").asText();
        assertThat(api.get("/api/v1/organizations/" + inv.org().id(), session).status()).isEqualTo(200);
        var overview = api.get("/api/v1/users/" + data.at("/user/id").asText(), session).json().path("data");
        assertThat(overview.at("/organizations/0/id").asText()).isEqualTo(inv.org().id());
        assertThat(overview.path("sessions").size()).isEqualTo(1);
        assertThat(api.login(inv.email(), "a brand new password")).as("the password works for later logins").isNotBlank();

        var audit = api.get("/api/v1/audit-events?organization_id=" + inv.org().id() + "&limit=100", inv.org().owner().token());
        assertThat(audit.body()).contains("\"user.created\"").contains("\"invitation.accepted\"").contains("\"member.added\"")
                .doesNotContain("a brand new password").doesNotContain(inv.token()).doesNotContain(session);
        assertProblem(accept(inv.token(), "{\"name\":\"Again\",\"password\":\"a brand new password\"}"), 401, "unauthorized");
    }

    @Test
    void aWeakPasswordOrNoNameCreatesNothing() {
        var inv = invite();
        var weak = accept(inv.token(), "{\"name\":\"Nora\",\"password\":\"short\"}");
        assertProblem(weak, 422, "validation_failed");
        assertThat(weak.json().path("errors").has("password")).isTrue();
        var nameless = accept(inv.token(), "{\"password\":\"a brand new password\"}");
        assertProblem(nameless, 422, "validation_failed");
        assertThat(nameless.json().path("errors").has("name")).isTrue();
        assertThat(accept(inv.token(), "{\"name\":\"Nora\",\"password\":\"a brand new password\"}").status()).isEqualTo(201);
    }

    @Test
    void anEmailWithAnAccountMustSignIn() {
        var inv = invite();
        api.userToken(gatehouse, inv.email(), false);
        var r = accept(inv.token(), "{\"name\":\"Nora\",\"password\":\"a brand new password\"}");
        assertProblem(r, 401, "unauthorized");
        assertThat(r.json().path("detail").asText()).contains("sign in");
    }

    @Test
    void aRevokedInvitationCreatesNoAccount() {
        var inv = invite();
        var list = api.get(inv.org().path() + "/invitations", inv.org().owner().token()).json();
        String id = list.at("/data/0/id").asText();
        assertThat(tenants.delete(inv.org().path() + "/invitations/" + id, inv.org().owner().token()).status()).isEqualTo(204);
        assertProblem(accept(inv.token(), "{\"name\":\"Nora\",\"password\":\"a brand new password\"}"), 409, "conflict");
        var users = api.get("/api/v1/users?search=" + inv.email(), admin).json();
        assertThat(users.path("data").size()).as("no account was left behind").isZero();
        assertProblem(accept("A".repeat(40), "{\"name\":\"Nora\",\"password\":\"a brand new password\"}"), 404, "not_found");
    }
}
