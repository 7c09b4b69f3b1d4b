package dev.gatehouse.http;

import com.sun.net.httpserver.HttpServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest
class WebhooksApiTest extends ApiTestBase {
    String owner;
    String outsider;
    String org;
    HttpServer receiver;
    final AtomicInteger answer = new AtomicInteger(200);
    final List<Map<String, String>> received = new CopyOnWriteArrayList<>();

    @BeforeAll
    void setUp() throws IOException {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        owner = api.userToken(gatehouse, "hooks-owner-" + tag + "@example.com", false);
        outsider = api.userToken(gatehouse, "hooks-outsider-" + tag + "@example.com", false);
        var o = api.postJson("/api/v1/organizations", "{\"name\":\"Hooks " + tag + "\"}", owner);
        assertThat(o.status()).as(o.body()).isEqualTo(201);
        org = o.json().at("/data/id").asText();
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            received.add(Map.of("id", String.valueOf(ex.getRequestHeaders().getFirst("webhook-id")),
                    "signature", String.valueOf(ex.getRequestHeaders().getFirst("webhook-signature")),
                    "body", new String(body, StandardCharsets.UTF_8)));
            byte[] out = "{\"received\":true}".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(answer.get(), out.length);
            ex.getResponseBody().write(out);
            ex.close();
        });
        receiver.start();
    }

    @AfterAll
    void tearDown() {
        receiver.stop(0);
    }

    String url() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    }

    String create(String events) {
        var r = api.postJson("/api/v1/webhooks", "{\"organization_id\":\"" + org + "\",\"url\":\"" + url()
                + "\",\"events\":" + events + ",\"description\":\"test\"}", owner);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().at("/data/secret").asText()).startsWith("whsec_");
        assertThat(r.json().at("/data/is_active").asBoolean()).isTrue();
        return r.json().at("/data/id").asText();
    }

    @Test
    void crudShowsTheSecretOnlyAtCreationAndRotation() {
        String id = create("[\"project.*\"]");
        var got = api.get("/api/v1/webhooks/" + id, owner);
        assertThat(got.status()).isEqualTo(200);
        assertThat(got.json().at("/data").has("secret")).isFalse();
        assertThat(got.json().at("/data/events/0").asText()).isEqualTo("project.*");
        var list = api.get("/api/v1/webhooks?organization_id=" + org, owner);
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        assertThat(list.json().at("/meta/total").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(list.body()).doesNotContain("whsec_");
        var patched = api.patchJson("/api/v1/webhooks/" + id, "{\"events\":[\"*\"],\"is_active\":false}", owner);
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        assertThat(patched.json().at("/data/is_active").asBoolean()).isFalse();
        var rotated = api.postJson("/api/v1/webhooks/" + id + "/rotate-secret", "{\"grace_period_hours\":2}", owner);
        assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
        assertThat(rotated.json().at("/data/secret").asText()).startsWith("whsec_");
        assertThat(rotated.json().at("/data/previous_secret_expires_at").isTextual()).isTrue();
        assertThat(api.get("/api/v1/webhooks/" + id, outsider).status()).isEqualTo(404);
        assertThat(api.delete("/api/v1/webhooks/" + id, outsider).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/webhooks/whk_nonsense", owner).status()).isEqualTo(404);
        assertThat(api.delete("/api/v1/webhooks/" + id, owner).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/webhooks/" + id, owner).status()).isEqualTo(404);
    }

    @Test
    void badInputIs4xx() {
        var http = api.postJson("/api/v1/webhooks", "{\"organization_id\":\"" + org
                + "\",\"url\":\"ftp://x.example/\",\"events\":[\"*\"]}", owner);
        assertThat(http.status()).isEqualTo(422);
        assertThat(http.json().at("/errors/url").isArray()).isTrue();
        var meta = api.postJson("/api/v1/webhooks", "{\"organization_id\":\"" + org
                + "\",\"url\":\"http://169.254.169.254/latest\",\"events\":[\"*\"]}", owner);
        assertThat(meta.status()).isEqualTo(422);
        var events = api.postJson("/api/v1/webhooks", "{\"organization_id\":\"" + org
                + "\",\"url\":\"" + url() + "\",\"events\":[]}", owner);
        assertThat(events.status()).isEqualTo(422);
        var typed = api.postJson("/api/v1/webhooks", "{\"organization_id\":\"" + org
                + "\",\"url\":\"" + url() + "\",\"events\":{\"a\":1}}", owner);
        assertThat(typed.status()).isBetween(400, 422);
        var noOrg = api.postJson("/api/v1/webhooks", "{\"url\":\"" + url() + "\",\"events\":[\"*\"]}", owner);
        assertThat(noOrg.status()).isEqualTo(422);
        var status = api.get("/api/v1/webhooks?organization_id=" + org + "&status=bogus", owner);
        assertThat(status.status()).isEqualTo(422);
    }

    @Test
    void deliversTestsRetriesAndReplays() {
        String id = create("[\"project.*\"]");
        gatehouse.webhooks().dispatcher().runOnce();
        received.clear();
        var p = api.postJson("/api/v1/projects", "{\"organization_id\":\"" + org + "\",\"name\":\"Hooked\"}", owner);
        assertThat(p.status()).as(p.body()).isEqualTo(201);
        answer.set(500);
        gatehouse.webhooks().dispatcher().runOnce();
        assertThat(received).hasSize(1);
        assertThat(received.get(0).get("signature")).startsWith("v1,");
        var retrying = api.get("/api/v1/webhooks/" + id + "/deliveries?status=retrying", owner);
        assertThat(retrying.status()).as(retrying.body()).isEqualTo(200);
        var d = retrying.json().at("/data/0");
        assertThat(d.at("/event_type").asText()).isEqualTo("project.created");
        assertThat(d.at("/response_code").asInt()).isEqualTo(500);
        assertThat(d.at("/response_body").asText()).isEqualTo("{\"received\":true}");
        assertThat(d.at("/attempts").asInt()).isEqualTo(1);
        assertThat(d.at("/next_retry_at").isTextual()).isTrue();
        String deliveryId = d.at("/id").asText();
        answer.set(200);
        var retried = api.postJson("/api/v1/webhooks/" + id + "/deliveries/" + deliveryId + "/retry", "", owner);
        assertThat(retried.status()).as(retried.body()).isEqualTo(200);
        assertThat(retried.json().at("/data/status").asText()).isEqualTo("pending");
        gatehouse.webhooks().dispatcher().runOnce();
        var again = api.postJson("/api/v1/webhooks/" + id + "/deliveries/" + deliveryId + "/retry", "", owner);
        assertThat(again.status()).as(again.body()).isEqualTo(400);
        assertThat(again.json().at("/error").asText()).isEqualTo("cannot_retry");
        assertThat(api.get("/api/v1/webhooks/" + id + "/deliveries?status=success", owner).json().at("/meta/total").asInt())
                .isEqualTo(1);

        var test = api.postJson("/api/v1/webhooks/" + id + "/test", "", owner);
        assertThat(test.status()).as(test.body()).isEqualTo(200);
        assertThat(test.json().at("/data/success").asBoolean()).isTrue();
        assertThat(test.json().at("/data/status_code").asInt()).isEqualTo(200);
        assertThat(test.json().at("/data/response_body").asText()).isEqualTo("{\"received\":true}");

        int before = received.size();
        var replay = api.postJson("/api/v1/webhooks/" + id + "/replay", "{\"since\":\"2000-01-01T00:00:00Z\"}", owner);
        assertThat(replay.status()).as(replay.body()).isEqualTo(202);
        assertThat(replay.json().at("/data/queued").asInt()).isEqualTo(1);
        gatehouse.webhooks().dispatcher().runOnce();
        assertThat(received).hasSize(before + 1);
        assertThat(api.postJson("/api/v1/webhooks/" + id + "/replay", "{\"since\":\"yesterday\"}", owner).status()).isEqualTo(422);
    }

    @Test
    void eventTypesListEveryTypeWithAnExample() {
        var r = api.get("/api/v1/event-types", owner);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).contains("\"project.created\"", "\"webhook.endpoint_disabled\"");
        assertThat(r.json().at("/data/0/example/type").isTextual()).isTrue();
    }
}
