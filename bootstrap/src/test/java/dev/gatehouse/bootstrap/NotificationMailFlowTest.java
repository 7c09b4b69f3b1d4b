package dev.gatehouse.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.TestClock;
import dev.gatehouse.postgres.testing.TestPostgres;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Notification mail end to end against an SMTP server the test starts, on both stores, with the
 * server's clock in the test's hand: a two-stage access request mails each stage's approvers (never the
 * requester) and its approval mails the requester; an API key expiring in 10 days mails its creator at
 * the 7-day and the 1-day mark, once each. Every mail carries the one console link it exists for.
 */
class NotificationMailFlowTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONSOLE = "https://console.example.com/";
    private static final String PASSWORD = "a long enough password";

    @RegisterExtension
    static final TestPostgres POSTGRES = new TestPostgres();

    private final java.util.Set<String> seen = new java.util.HashSet<>();
    @RegisterExtension
    final MailTestServers mail = new MailTestServers();
    private GreenMail smtp;
    private EmbeddedServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.getApplicationContext().close();
        }
    }

    private static JsonNode expect(HttpResponse<String> r, int status) throws Exception {
        assertThat(r.statusCode()).as(() -> r.request().method() + " " + r.request().uri() + " → " + r.body()).isEqualTo(status);
        return r.body().isEmpty() ? JSON.nullNode() : JSON.readTree(r.body());
    }

    private Http start(String store, TestClock clock) throws IOException {
        int port = MailTestServers.freePort();
        smtp = mail.smtp(port);
        Map<String, Object> props = MailTestServers.mailProperties(port); // notifications follow: on when mail goes out
        props.put("gatehouse.console.url", CONSOLE);
        // the test runs the key and request jobs itself, with its clock
        props.put("gatehouse.api-keys.lifecycle-initial-delay", "1h");
        props.put("gatehouse.access-requests.expiry-initial-delay", "1h");
        server = GatehouseServer.start(TestServers.config(store, POSTGRES), props, clock);
        return new Http(server.getURL().toString());
    }

    /** Waits until {@code total} mails have arrived (no more), and returns those not returned before. */
    private List<MimeMessage> received(int total) throws Exception {
        assertThat(smtp.waitForIncomingEmail(30_000, total)).as("%d mails arrive", total).isTrue();
        MimeMessage[] all = smtp.getReceivedMessages();
        assertThat(all).as(() -> describe(all)).hasSize(total);
        List<MimeMessage> fresh = new java.util.ArrayList<>();
        for (MimeMessage m : all) { // the server lists them by mailbox, not by arrival
            if (seen.add(m.getMessageID())) {
                fresh.add(m);
            }
        }
        return fresh;
    }

    private static String describe(MimeMessage[] all) {
        StringBuilder out = new StringBuilder();
        for (MimeMessage m : all) {
            try {
                out.append(to(m)).append(": ").append(m.getSubject()).append('\n');
            } catch (Exception e) {
                out.append(e).append('\n');
            }
        }
        return out.toString();
    }

    private static String to(MimeMessage m) throws Exception {
        return m.getAllRecipients()[0].toString();
    }

    private static List<String> recipients(List<MimeMessage> mails) throws Exception {
        List<String> out = new java.util.ArrayList<>();
        for (MimeMessage m : mails) {
            out.add(to(m));
        }
        return out.stream().sorted().toList();
    }

    /** Subject as given; text with exactly the one link; HTML with exactly one anchor, to it. The text. */
    private static String check(MimeMessage m, String subject, String link) throws Exception {
        assertThat(m.getSubject()).isEqualTo(subject);
        MimeMultipart parts = (MimeMultipart) m.getContent();
        String text = ((String) parts.getBodyPart(0).getContent()).replace("\r\n", "\n");
        String html = (String) parts.getBodyPart(1).getContent();
        assertThat(Pattern.compile("https?:").matcher(text).results().count()).as(text).isEqualTo(1);
        assertThat(text).contains("\n" + link + "\n");
        assertThat(Pattern.compile("<a ").matcher(html).results().count()).as(html).isEqualTo(1);
        assertThat(html).contains("<a href=\"" + link + "\">");
        return text;
    }

    /** A user made by {@code root}, added to {@code org} by {@code owner} when {@code role} is given. */
    private static String user(Http http, String root, String owner, String org, String email, String name, String role)
            throws Exception {
        String id = expect(http.post("/api/v1/users", "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"name\":\""
                + name + "\"}", root), 201).at("/data/id").asText();
        if (role != null) {
            expect(http.post("/api/v1/organizations/" + org + "/members", "{\"user_id\":\"" + id + "\",\"role\":\"" + role + "\"}",
                    owner), 201);
        }
        return id;
    }

    @OnEveryStore
    void approvalsAndExpiringKeysMailTheRightPeopleWithTheirLink(String store) throws Exception {
        TestClock clock = new TestClock(Instant.now());
        Http http = start(store, clock);
        Gatehouse gatehouse = server.getApplicationContext().getBean(Gatehouse.class);
        String root = http.login("root@example.com", "a long admin password");
        user(http, root, null, null, "olga@example.com", "Olga", null);
        String olga = http.login("olga@example.com", PASSWORD);
        String org = expect(http.post("/api/v1/organizations", "{\"name\":\"Acme\"}", olga), 201).at("/data/id").asText();
        String project = expect(http.post("/api/v1/projects", "{\"organization_id\":\"" + org + "\",\"name\":\"Web\"}", olga), 201)
                .at("/data/id").asText();
        user(http, root, olga, org, "adam@example.com", "Adam", "admin");
        String pia = user(http, root, olga, org, "pia@example.com", "Pia", "member");
        String rita = user(http, root, olga, org, "rita@example.com", "Rita", "member");
        String wf = expect(http.post("/api/v1/workflows", "{\"organization_id\":\"" + org + "\",\"name\":\"wf\",\"stages\":[{\"name\":"
                + "\"peers\",\"users\":[\"" + pia + "\",\"" + rita + "\"]},{\"name\":\"managers\",\"permission\":\"access_requests_approve\"}]}",
                olga), 201).at("/data/id").asText();
        expect(http.post("/api/v1/policies", "{\"organization_id\":\"" + org + "\",\"name\":\"projects\",\"resource_type\":\"project\","
                + "\"workflow_id\":\"" + wf + "\",\"max_duration_minutes\":120}", olga), 201);

        // submitted: the first stage's approvers are asked, the requester (listed there too) is not
        String request = expect(http.post("/api/v1/access-requests", "{\"resource_type\":\"project\",\"resource_id\":\"" + project
                + "\",\"role\":\"admin\",\"duration_minutes\":60}", http.login("rita@example.com", PASSWORD)), 201).at("/data/id").asText();
        String link = CONSOLE + "access-requests/" + request;
        var asked = received(1);
        assertThat(to(asked.get(0))).isEqualTo("pia@example.com");
        assertThat(check(asked.get(0), "Approval needed: Rita asks for access", link))
                .contains("Rita (rita@example.com) asks for the role admin on project " + project).contains("stage 1 of 2 (peers)");

        // the first stage passes: the managers (the organization's owner and admin) are asked
        expect(http.post("/api/v1/access-requests/" + request + "/approve", "{}", http.login("pia@example.com", PASSWORD)), 200);
        var managers = received(3);
        assertThat(recipients(managers)).containsExactly("adam@example.com", "olga@example.com");
        assertThat(check(managers.get(0), "Approval needed: Rita asks for access", link)).contains("stage 2 of 2 (managers)");

        // approved: the requester hears
        expect(http.post("/api/v1/access-requests/" + request + "/approve", "{}", http.login("adam@example.com", PASSWORD)), 200);
        var decided = received(4);
        assertThat(to(decided.get(0))).isEqualTo("rita@example.com");
        check(decided.get(0), "Your access request was approved", link);

        // a key expiring in 10 days: its creator hears at 7 days and at 1 day, once each
        JsonNode issued = expect(http.post("/api/v1/api-keys", "{\"organization_id\":\"" + org + "\",\"name\":\"deploy\","
                + "\"scopes\":[\"projects:read\"],\"expires_at\":\"" + clock.instant().plus(Duration.ofDays(10)) + "\"}", olga), 201);
        String secret = issued.at("/data/key").asText();
        String keyLink = CONSOLE + "api-keys/" + issued.at("/data/id").asText();
        clock.advance(Duration.ofDays(3).plusMinutes(1));
        assertThat(gatehouse.keys().apiKeyLifecycle().handle(100).warned()).isEqualTo(1);
        assertThat(gatehouse.keys().apiKeyLifecycle().handle(100).warned()).isZero();
        var week = received(5);
        assertThat(to(week.get(0))).isEqualTo("olga@example.com");
        assertThat(check(week.get(0), "API key \"deploy\" expires in 7 days", keyLink)).doesNotContain(secret)
                .contains("because you created this key");
        clock.advance(Duration.ofDays(6));
        assertThat(gatehouse.keys().apiKeyLifecycle().handle(100).warned()).isEqualTo(1);
        assertThat(gatehouse.keys().apiKeyLifecycle().handle(100).warned()).isZero();
        var day = received(6);
        assertThat(to(day.get(0))).isEqualTo("olga@example.com");
        check(day.get(0), "API key \"deploy\" expires in 1 day", keyLink);
        for (MimeMessage m : smtp.getReceivedMessages()) {
            assertThat(((String) ((MimeMultipart) m.getContent()).getBodyPart(1).getContent())).doesNotContain(secret);
        }
    }
}
