package dev.gatehouse.bootstrap;

import dev.gatehouse.core.testing.NodeTools;
import dev.gatehouse.core.tokens.Jose;
import dev.gatehouse.postgres.testing.TestPostgres;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Webhooks end to end, checked by an independent implementation: the server delivers real events to
 * a local receiver, and the Standard Webhooks reference library ({@code standardwebhooks} from npm,
 * pinned in {@code src/test/node-webhooks/package-lock.json}, run with the machine's Node.js) verifies
 * every captured request. Across a secret rotation, deliveries during the grace period verify with
 * the old and the new secret; a tampered body verifies with neither. Node.js is required: without it
 * this test fails.
 */
class WebhookVerificationTest {
    private static final Path NODE_DIR = Path.of("src", "test", "node-webhooks");

    @RegisterExtension
    static final TestPostgres POSTGRES = new TestPostgres();

    static ServerConfig config(String store) {
        ServerConfig.Webhooks loopback = new ServerConfig.Webhooks(true, 32, true, "127.0.0.0/8,::1/128");
        if (store.equals("memory")) {
            return new ServerConfig(Optional.empty(), 0).withWebhooks(loopback);
        }
        var db = POSTGRES.database();
        return new ServerConfig(Optional.of(new ServerConfig.Database(db.jdbcUrl(), db.user(), db.password())), 0)
                .withWebhooks(loopback);
    }

    private static void expect(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(() -> r.request().method() + " " + r.request().uri() + " → " + r.body()).isEqualTo(status);
    }

    @OnEveryStore
    void standardWebhooksVerifiesEveryDeliveryAcrossARotation(String store) throws Exception {
        EmbeddedServer server = GatehouseServer.start(config(store), Map.of("gatehouse.admin.email", "root@example.com",
                "gatehouse.admin.password", "a long admin password",
                "gatehouse.master-key", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="));
        try (WebhookReceiver receiver = new WebhookReceiver(4)) {
            Http http = new Http(server.getURL().toString());
            String root = http.login("root@example.com", "a long admin password");
            var org = http.post("/api/v1/organizations", "{\"name\":\"Acme\"}", root);
            expect(org, 201);
            String orgId = Http.field(org.body(), "id");
            var hook = http.post("/api/v1/webhooks", "{\"organization_id\":\"" + orgId + "\",\"url\":\"" + receiver.url("/hooks")
                    + "\",\"events\":[\"project.*\"]}", root);
            expect(hook, 201);
            String hookId = Http.field(hook.body(), "id");
            String oldSecret = Http.field(hook.body(), "secret");
            assertThat(oldSecret).startsWith("whsec_");

            for (String name : List.of("One", "Two")) {
                expect(http.post("/api/v1/projects", "{\"organization_id\":\"" + orgId + "\",\"name\":\"" + name + "\"}", root), 201);
            }
            List<WebhookReceiver.Delivery> before = receiver.await(l -> l.size() >= 2, Duration.ofSeconds(30), "two project.created");
            assertThat(before).allSatisfy(d -> assertThat(d.body()).contains("\"type\":\"project.created\""));

            var rotated = http.post("/api/v1/webhooks/" + hookId + "/rotate-secret", "{\"grace_period_hours\":1}", root);
            expect(rotated, 200);
            String newSecret = Http.field(rotated.body(), "secret");
            assertThat(newSecret).startsWith("whsec_").isNotEqualTo(oldSecret);
            expect(http.post("/api/v1/projects", "{\"organization_id\":\"" + orgId + "\",\"name\":\"Three\"}", root), 201);
            List<WebhookReceiver.Delivery> all = receiver.await(l -> l.size() >= 3, Duration.ofSeconds(30), "the third delivery");
            WebhookReceiver.Delivery during = all.get(2);
            assertThat(during.signature().split(" ")).hasSize(2);

            var sent = new ArrayList<>(all);
            WebhookReceiver.Delivery tampered = new WebhookReceiver.Delivery(during.id(), during.timestamp(), during.signature(),
                    during.body().replace("Three", "Evil"), 0, 0);
            sent.add(tampered);
            List<Map<String, Object>> results = verify(List.of(oldSecret, newSecret), sent);
            assertThat(results.get(0).get("verified")).as(results.toString()).isEqualTo(List.of(true, false));
            assertThat(results.get(1).get("verified")).as(results.toString()).isEqualTo(List.of(true, false));
            assertThat(results.get(2).get("verified")).as("during the grace period both secrets verify: " + results)
                    .isEqualTo(List.of(true, true));
            assertThat(results.get(3).get("verified")).as(results.toString()).isEqualTo(List.of(false, false));

            // the test event verifies too, and the log shows what happened
            var test = http.post("/api/v1/webhooks/" + hookId + "/test", "", root);
            expect(test, 200);
            assertThat(test.body()).contains("\"success\":true").contains("\"status_code\":200");
            List<WebhookReceiver.Delivery> withTest = receiver.await(l -> l.size() >= 4, Duration.ofSeconds(10), "the test event");
            assertThat(verify(List.of(newSecret), List.of(withTest.get(3))).get(0).get("verified")).isEqualTo(List.of(true));
            var log = http.get("/api/v1/webhooks/" + hookId + "/deliveries?status=success", root);
            expect(log, 200);
            assertThat(log.body()).contains("\"total\":4").doesNotContain("whsec_");
        } finally {
            server.getApplicationContext().close();
        }
    }

    /** Runs verify.mjs with standardwebhooks; one parsed result per delivery. */
    static List<Map<String, Object>> verify(List<String> secrets, List<WebhookReceiver.Delivery> deliveries) throws Exception {
        String node = executable("node");
        NodeTools.install(NODE_DIR, "standardwebhooks", "verifies webhook signatures with the npm package standardwebhooks");
        List<Object> items = new ArrayList<>();
        for (WebhookReceiver.Delivery d : deliveries) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("headers", d.headers());
            item.put("body", d.body());
            items.add(item);
        }
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("secrets", secrets);
        input.put("deliveries", items);
        Path file = Files.createTempFile("gatehouse-webhooks", ".json");
        try {
            Files.writeString(file, Jose.write(input));
            String out = run(List.of(node, "verify.mjs", file.toAbsolutePath().toString()), 60);
            List<Map<String, Object>> lines = new ArrayList<>();
            for (String line : out.split("\n")) {
                if (!line.isBlank()) {
                    lines.add(Jose.parseObject(line.strip()));
                }
            }
            assertThat(lines).as(out).hasSize(deliveries.size());
            return lines;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static String executable(String name) {
        return NodeTools.executable(name, "verifies webhook signatures with the npm package standardwebhooks");
    }

    private static String run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        return NodeTools.run(NODE_DIR, command, timeoutSeconds);
    }
}
