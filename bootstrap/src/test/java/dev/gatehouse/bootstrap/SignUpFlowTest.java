package dev.gatehouse.bootstrap;

import com.icegreen.greenmail.util.GreenMail;
import dev.gatehouse.postgres.testing.TestPostgres;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.gatehouse.bootstrap.MailTestServers.expect;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Open sign-up end to end (ADR 0034), against an SMTP server the test starts: sign up, receive the
 * verification mail, verify with the link's token, sign in; an unverified account cannot sign in, a link
 * works once, an existing address gets the same answer, and with the default {@code invite} the route
 * refuses.
 */
class SignUpFlowTest {
    private static final Pattern LINK = Pattern.compile("https://app\\.example\\.com/verify/(\\S+)");

    @RegisterExtension
    static final TestPostgres POSTGRES = new TestPostgres();

    @RegisterExtension
    final MailTestServers mail = new MailTestServers();

    private GreenMail smtp() throws IOException {
        return mail.smtp(MailTestServers.freePort());
    }

    private Http gatehouse(ServerConfig config, GreenMail smtp, String signUp) {
        Map<String, Object> more = new HashMap<>();
        more.put("gatehouse.email-verification.url-base", "https://app.example.com/verify/");
        if (signUp != null) {
            more.put("gatehouse.signup", signUp);
        }
        return mail.gatehouse(config, smtp.getSmtp().getPort(), more);
    }

    private static String signUpBody(String email, String name, String password) {
        return "{\"email\":\"" + email + "\",\"name\":\"" + name + "\",\"password\":\"" + password + "\"}";
    }

    private static String login(String email, String password) {
        return "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}";
    }

    /** The received verification mail's token, after checking its parts: the one link, no other secret. */
    private static String tokenOf(MimeMessage received, String to) throws Exception {
        assertThat(received.getAllRecipients()[0].toString()).isEqualTo(to);
        assertThat(received.getSubject()).isEqualTo("Confirm your email address for Gatehouse");
        MimeMultipart parts = (MimeMultipart) received.getContent();
        String text = (String) parts.getBodyPart(0).getContent();
        String html = (String) parts.getBodyPart(1).getContent();
        Matcher m = LINK.matcher(text);
        assertThat(m.find()).as(text).isTrue();
        String token = m.group(1);
        assertThat(html).contains("<a href=\"https://app.example.com/verify/" + token + "\">").contains("Nina &lt;N&gt;");
        assertThat(text).doesNotContain("nina's brand new password");
        return token;
    }

    @OnEveryStore
    void aStrangerSignsUpReceivesTheLinkVerifiesAndSignsIn(String store) throws Exception {
        GreenMail smtp = smtp();
        Http http = gatehouse(TestServers.config(store, POSTGRES), smtp, "open");
        String email = "nina-" + store + "@example.com";
        var signedUp = http.post("/api/v1/auth/signup", signUpBody(email, "Nina <N>", "nina's brand new password"), null);
        expect(signedUp, 202);
        assertThat(Http.field(signedUp.body(), "email")).isEqualTo(email);

        var early = http.post("/api/v1/auth/login", login(email, "nina's brand new password"), null);
        expect(early, 403);
        assertThat(early.body()).contains("\"error\":\"email_not_verified\"");
        expect(http.post("/api/v1/auth/login", login(email, "a wrong password!"), null), 401);

        assertThat(smtp.waitForIncomingEmail(30_000, 1)).isTrue();
        String token = tokenOf(smtp.getReceivedMessages()[0], email);

        var verified = http.post("/api/v1/auth/verify-email", "{\"token\":\"" + token + "\"}", null);
        expect(verified, 200);
        assertThat(verified.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(verified.body()).contains("\"email_verified\":true");
        String session = Http.field(verified.body(), "token");
        expect(http.get("/api/v1/me", session), 200);

        var reused = http.post("/api/v1/auth/verify-email", "{\"token\":\"" + token + "\"}", null);
        expect(reused, 409);
        expect(http.post("/api/v1/auth/verify-email", "{\"token\":\"" + "x".repeat(40) + "\"}", null), 404);
        String nina = http.login(email, "nina's brand new password");
        var me = http.get("/api/v1/me", nina);
        expect(me, 200);
        assertThat(Http.field(me.body(), "name")).isEqualTo("Nina <N>");

        // the same address again: the same answer, and the owner is told, without a link
        var again = http.post("/api/v1/auth/signup", signUpBody(email, "Mallory", "mallory's long password"), null);
        expect(again, 202);
        assertThat(again.body()).isEqualTo(signedUp.body());
        assertThat(smtp.waitForIncomingEmail(30_000, 2)).isTrue();
        MimeMessage notice = smtp.getReceivedMessages()[1];
        assertThat(notice.getSubject()).isEqualTo("You already have a Gatehouse account");
        assertThat(((String) ((MimeMultipart) notice.getContent()).getBodyPart(0).getContent())).doesNotContain("http");
        expect(http.post("/api/v1/auth/login", login(email, "mallory's long password"), null), 401);

        String root = http.login("root@example.com", "a long admin password");
        var deliveries = http.get("/api/v1/mail/deliveries?recipient=" + email, root);
        expect(deliveries, 200);
        assertThat(deliveries.body()).contains("\"kind\":\"email_verification\"").contains("\"kind\":\"signup_account_exists\"");
    }

    @Test
    void byDefaultSignUpIsByInvitationOnly() throws Exception {
        GreenMail smtp = smtp();
        Http http = gatehouse(TestServers.config("memory", POSTGRES), smtp, null);
        var refused = http.post("/api/v1/auth/signup", signUpBody("olga@example.com", "Olga", "olga's long password"), null);
        expect(refused, 403);
        assertThat(refused.body()).contains("\"error\":\"signup_disabled\"");
        expect(http.post("/api/v1/auth/login", login("olga@example.com", "olga's long password"), null), 401);
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }
}
