package dev.gatehouse.bootstrap;

import dev.gatehouse.postgres.testing.TestPostgres;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On the embedded default and on PostgreSQL: an owner invites an email without an account, the
 * invitation's token is accepted with a name and password (no session), and the new member signs
 * in and reads the organization; the sign-up and the acceptance are in the owner's audit trail.
 */
class InvitationSignUpFlowTest {
    @RegisterExtension
    static final TestPostgres POSTGRES = new TestPostgres();

    private static void expect(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(() -> r.request().method() + " " + r.request().uri() + " → " + r.body()).isEqualTo(status);
    }

    @OnEveryStore
    void anInvitedStrangerJoinsWithAPasswordAndReadsTheOrganization(String store) throws Exception {
        EmbeddedServer server = GatehouseServer.start(TestServers.config(store, POSTGRES),
                Map.of("gatehouse.admin.email", "root@example.com", "gatehouse.admin.password", "a long admin password"));
        try {
            Http http = new Http(server.getURL().toString());
            String root = http.login("root@example.com", "a long admin password");
            expect(http.post("/api/v1/users", "{\"email\":\"olga@example.com\",\"password\":\"olga's long password\",\"name\":\"Olga\"}",
                    root), 201);
            String owner = http.login("olga@example.com", "olga's long password");
            var org = http.post("/api/v1/organizations", "{\"name\":\"Acme\"}", owner);
            expect(org, 201);
            String orgId = Http.field(org.body(), "id");
            var invitation = http.post("/api/v1/organizations/" + orgId + "/invitations",
                    "{\"email\":\"nina@example.com\",\"role\":\"member\"}", owner);
            expect(invitation, 201);
            String token = Http.field(invitation.body(), "token");

            var joined = http.post("/api/v1/invitations/" + token + "/accept",
                    "{\"name\":\"Nina\",\"password\":\"nina's brand new password\"}", null);
            expect(joined, 201);
            expect(http.get("/api/v1/organizations/" + orgId, Http.field(joined.body(), "token")), 200);

            String nina = http.login("nina@example.com", "nina's brand new password");
            expect(http.get("/api/v1/organizations/" + orgId, nina), 200);
            var trail = http.get("/api/v1/audit-events?organization_id=" + orgId + "&limit=100", owner);
            expect(trail, 200);
            assertThat(trail.body()).contains("\"user.created\"").contains("\"invitation.accepted\"")
                    .doesNotContain(token).doesNotContain("nina's brand new password");
        } finally {
            server.getApplicationContext().close();
        }
    }
}
