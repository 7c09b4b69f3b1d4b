package dev.gatehouse.http;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Stored sessions: logout, the user overview, listing and revoking, and what deactivation does to them. */
@MicronautTest
class SessionsApiTest extends ApiTestBase {
    private static final AtomicInteger SEQ = new AtomicInteger();

    String admin;

    @BeforeAll
    void setUp() {
        admin = api.adminToken();
    }

    private Tenants.Person person() {
        return tenants.person("session" + SEQ.incrementAndGet());
    }

    private String loginFrom(String email, String userAgent) {
        var r = api.send(api.request("/api/v1/auth/login").header("Content-Type", "application/json").header("User-Agent", userAgent)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email + "\",\"password\":\"a-long-password\"}"))
                .build());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().at("/data/token").asText();
    }

    @Test
    void logoutEndsTheCallingSessionOnlyAtOnce() {
        var ada = person();
        String other = loginFrom(ada.email(), "second-device/1.0");
        assertThat(api.postJson("/api/v1/auth/logout", "{}", ada.token()).status()).isEqualTo(204);
        var after = api.get("/api/v1/me", ada.token());
        ErrorResponsesTest.assertProblem(after, 401, "unauthorized");
        assertThat(api.get("/api/v1/me", other).status()).as("the other session lives on").isEqualTo(200);
        var sessions = api.get("/api/v1/users/" + ada.id() + "/sessions", other).json().path("data");
        assertThat(sessions.size()).isEqualTo(2);
        assertThat(sessions.get(0).path("user_agent").asText()).isEqualTo("second-device/1.0");
        assertThat(sessions.get(0).path("status").asText()).isEqualTo("active");
        assertThat(sessions.get(1).path("status").asText()).isEqualTo("revoked");
        assertThat(sessions.get(1).path("revoked_reason").asText()).isEqualTo("logout");
        assertThat(sessions.toString()).doesNotContain(ada.token()).doesNotContain("token");
        var audit = api.get("/api/v1/audit-events?action=session.ended&actor=" + ada.id(), admin).json();
        assertThat(audit.at("/data/0/resource/id").asText()).isEqualTo(sessions.get(1).path("id").asText());
    }

    @Test
    void theUserOverviewIncludesSessionsAndOrganizations() {
        var org = tenants.org();
        var r = api.get("/api/v1/users/" + org.admin().id(), org.admin().token());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        var data = r.json().path("data");
        assertThat(data.path("email").asText()).isEqualTo(org.admin().email());
        assertThat(data.path("sessions").size()).isEqualTo(1);
        assertThat(data.at("/sessions/0/id").asText()).startsWith("ses_");
        assertThat(data.at("/sessions/0/ip").asText()).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
        assertThat(data.at("/sessions/0/last_seen_at").asText()).endsWith("Z");
        assertThat(data.path("organizations").size()).isEqualTo(1);
        assertThat(data.at("/organizations/0/id").asText()).isEqualTo(org.id());
        assertThat(data.at("/organizations/0/role").asText()).isEqualTo("admin");
        assertThat(api.get("/api/v1/users/" + org.admin().id(), admin).json().at("/data/organizations/0/id").asText())
                .as("platform admins see it too").isEqualTo(org.id());
        ErrorResponsesTest.assertProblem(api.get("/api/v1/users/" + org.admin().id(), org.owner().token()), 404, "not_found");
    }

    @Test
    void theUserOrAPlatformAdminRevokesASessionOthersGetNotFound() {
        var ada = person();
        var eve = person();
        String laptop = loginFrom(ada.email(), "laptop/1.0");
        String sid = api.get("/api/v1/users/" + ada.id() + "/sessions", ada.token()).json().at("/data/0/id").asText();
        ErrorResponsesTest.assertProblem(api.get("/api/v1/users/" + ada.id() + "/sessions", eve.token()), 404, "not_found");
        ErrorResponsesTest.assertProblem(api.delete("/api/v1/users/" + ada.id() + "/sessions/" + sid, eve.token()), 404, "not_found");
        assertThat(api.get("/api/v1/me", laptop).status()).isEqualTo(200);

        assertThat(api.delete("/api/v1/users/" + ada.id() + "/sessions/" + sid, ada.token()).status()).isEqualTo(204);
        ErrorResponsesTest.assertProblem(api.get("/api/v1/me", laptop), 401, "unauthorized");
        assertThat(api.delete("/api/v1/users/" + ada.id() + "/sessions/" + sid, ada.token()).status())
                .as("revoking again changes nothing").isEqualTo(204);

        String ownSid = api.get("/api/v1/users/" + ada.id() + "/sessions", admin).json().at("/data/1/id").asText();
        assertThat(api.delete("/api/v1/users/" + ada.id() + "/sessions/" + ownSid, admin).status()).isEqualTo(204);
        ErrorResponsesTest.assertProblem(api.get("/api/v1/me", ada.token()), 401, "unauthorized");
        ErrorResponsesTest.assertProblem(api.delete("/api/v1/users/" + eve.id() + "/sessions/" + sid, admin), 404, "not_found");
        ErrorResponsesTest.assertProblem(api.delete("/api/v1/users/" + ada.id() + "/sessions/nonsense", admin), 404, "not_found");
        var audit = api.get("/api/v1/audit-events?action=session.revoked&resource=" + ownSid, admin).json();
        assertThat(audit.at("/data/0/changes/reason").asText()).isEqualTo("revoked");
    }

    @Test
    void deactivatingAUserEndsEverySessionWithTheReason() {
        var ada = person();
        loginFrom(ada.email(), "tablet/1.0");
        assertThat(api.delete("/api/v1/users/" + ada.id(), admin).status()).isEqualTo(204);
        var sessions = api.get("/api/v1/users/" + ada.id() + "/sessions", admin).json().path("data");
        assertThat(sessions.size()).isEqualTo(2);
        sessions.forEach(s -> {
            assertThat(s.path("status").asText()).isEqualTo("revoked");
            assertThat(s.path("revoked_reason").asText()).isEqualTo("user_deactivated");
        });
    }

    @Test
    void anApiKeyCannotLogOut() {
        var org = tenants.org();
        var key = api.postJson("/api/v1/api-keys", "{\"organization_id\":\"" + org.id() + "\",\"name\":\"k\",\"scopes\":[\"projects:read\"]}",
                org.owner().token());
        ErrorResponsesTest.assertProblem(api.postJson("/api/v1/auth/logout", "{}", key.json().at("/data/key").asText()), 403,
                "access_denied");
    }
}
