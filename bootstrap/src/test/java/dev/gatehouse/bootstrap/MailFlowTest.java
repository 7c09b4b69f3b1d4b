package dev.gatehouse.bootstrap;

import com.icegreen.greenmail.util.GreenMail;
import dev.gatehouse.postgres.testing.TestPostgres;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.gatehouse.bootstrap.MailTestServers.expect;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Invitation mail end to end, against an SMTP server the test starts: an owner invites an unknown
 * email, the server receives the mail, the link's token is accepted with a password and the new
 * member reads the organization. On PostgreSQL, a mail queued while the SMTP server is down is
 * delivered after it comes back and after a restart of Gatehouse.
 */
class MailFlowTest {
    private static final Pattern LINK = Pattern.compile("https://app\\.example\\.com/join/(\\S+)");

    @RegisterExtension
    static final TestPostgres POSTGRES = new TestPostgres();

    @RegisterExtension
    final MailTestServers mail = new MailTestServers();

    private Http gatehouse(ServerConfig config, int smtpPort) {
        return mail.gatehouse(config, smtpPort, Map.of("gatehouse.invitations.accept-url-base", "https://app.example.com/join/",
                "gatehouse.mail.retry-base", "200ms", "gatehouse.mail.retry-max", "1s", "gatehouse.mail.max-attempts", "100"));
    }

    /** Creates an owner and an organization, invites nina; the organization's id and the owner's token. */
    private static String[] invite(Http http, String owner, String invitee) throws Exception {
        String root = http.login("root@example.com", "a long admin password");
        expect(http.post("/api/v1/users", "{\"email\":\"" + owner + "\",\"password\":\"olga's long password\",\"name\":\"Olga\"}",
                root), 201);
        String ownerToken = http.login(owner, "olga's long password");
        var org = http.post("/api/v1/organizations", "{\"name\":\"Acme <Labs>\"}", ownerToken);
        expect(org, 201);
        String orgId = Http.field(org.body(), "id");
        expect(http.post("/api/v1/organizations/" + orgId + "/invitations", "{\"email\":\"" + invitee + "\",\"role\":\"member\"}",
                ownerToken), 201);
        return new String[]{orgId, ownerToken, root};
    }

    /** The received invitation's token, after checking its parts. */
    private static String tokenOf(MimeMessage received, String invitee) throws Exception {
        assertThat(received.getAllRecipients()[0].toString()).isEqualTo(invitee);
        assertThat(received.getSubject()).isEqualTo("You are invited to join Acme <Labs> on Gatehouse");
        MimeMultipart parts = (MimeMultipart) received.getContent();
        String text = (String) parts.getBodyPart(0).getContent();
        String html = (String) parts.getBodyPart(1).getContent();
        Matcher m = LINK.matcher(text);
        assertThat(m.find()).as(text).isTrue();
        String token = m.group(1);
        assertThat(html).contains("<a href=\"https://app.example.com/join/" + token + "\">").contains("Acme &lt;Labs&gt;");
        return token;
    }

    private static void joinAndRead(Http http, String token, String orgId, String invitee) throws Exception {
        var joined = http.post("/api/v1/invitations/" + token + "/accept",
                "{\"name\":\"Nina\",\"password\":\"nina's brand new password\"}", null);
        expect(joined, 201);
        String nina = http.login(invitee, "nina's brand new password");
        expect(http.get("/api/v1/organizations/" + orgId, nina), 200);
    }

    @OnEveryStore
    void anInvitedStrangerGetsTheMailAndJoinsThroughItsLink(String store) throws Exception {
        int port = MailTestServers.freePort();
        GreenMail smtp = mail.smtp(port);
        Http http = gatehouse(TestServers.config(store, POSTGRES), port);
        String invitee = "nina-" + store + "@example.com";
        String[] ids = invite(http, "olga-" + store + "@example.com", invitee);
        assertThat(smtp.waitForIncomingEmail(30_000, 1)).isTrue();
        joinAndRead(http, tokenOf(smtp.getReceivedMessages()[0], invitee), ids[0], invitee);
    }

    @Test
    void mailQueuedWhileTheServerIsDownIsDeliveredAfterItComesBackAndAfterARestart() throws Exception {
        int port = MailTestServers.freePort(); // no SMTP server yet
        ServerConfig config = TestServers.config("postgres", POSTGRES);
        Http first = gatehouse(config, port);
        String invitee = "nina-restart@example.com";
        String[] ids = invite(first, "olga-restart@example.com", invitee);
        mail.stopFirstGatehouse(); // Gatehouse stops with the mail undelivered

        GreenMail smtp = mail.smtp(port);
        Http second = gatehouse(config, port);
        assertThat(smtp.waitForIncomingEmail(30_000, 1)).isTrue();
        assertThat(smtp.getReceivedMessages()).hasSize(1);
        joinAndRead(second, tokenOf(smtp.getReceivedMessages()[0], invitee), ids[0], invitee);
    }
}
