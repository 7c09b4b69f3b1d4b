package dev.gatehouse.bootstrap;

import dev.gatehouse.postgres.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Crash safety with PostgreSQL, on the packaged jar: while deliveries are in flight (the receiver
 * holds the requests open) and more events wait to be fanned out, the server gets SIGKILL. After a
 * restart on the same database every event reaches the receiver at least once (counted by
 * {@code webhook-id}) and the deliveries log shows every one as a success: none is lost.
 */
class WebhookCrashIT {
    private static final int EVENTS = 60;
    /** How long a started jar may take to become ready and answer its first login under load. */
    private static final Duration READY = Duration.ofMinutes(3);
    private static final Pattern EVENT_ID = Pattern.compile("\"event_id\"\\s*:\\s*\"(evt_[0-9a-z]+)\"");

    @RegisterExtension
    static final TestPostgres POSTGRES = new TestPostgres();

    private static Map<String, String> env() {
        return JarProcess.postgresEnv(POSTGRES.database(), Map.of(
                "GATEHOUSE_MASTER_KEY", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
                "GATEHOUSE_WEBHOOKS_ALLOW_HTTP", "on",
                "GATEHOUSE_WEBHOOKS_ALLOW_CIDRS", "127.0.0.0/8",
                "GATEHOUSE_WEBHOOKS_CONCURRENCY", "8",
                // a short lease, so the restarted instance takes over the killed one's claims quickly
                "GATEHOUSE_WEBHOOKS_LEASE_SECONDS", "20"));
    }

    private static void expect(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(() -> r.request().method() + " " + r.request().uri() + " → " + r.body()).isEqualTo(status);
    }

    @Test
    void noEventIsLostWhenTheServerIsKilledMidDelivery() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(64)) {
            CountDownLatch release = new CountDownLatch(1);
            receiver.hold = release;
            String hookId;
            String orgId;
            try (JarProcess first = JarProcess.start(List.of("serve", "--port", "0"), env())) {
                Http http = new Http(first.awaitListening());
                // a loaded machine: wait for readiness (database, migrations) and give the first login time
                http.awaitReady(READY);
                String token = http.login("ops@example.com", "an operator password", READY);
                var org = http.post("/api/v1/organizations", "{\"name\":\"Crash\"}", token);
                expect(org, 201);
                orgId = Http.field(org.body(), "id");
                var hook = http.post("/api/v1/webhooks", "{\"organization_id\":\"" + orgId + "\",\"url\":\""
                        + receiver.url("/in") + "\",\"events\":[\"project.updated\"]}", token);
                expect(hook, 201);
                hookId = Http.field(hook.body(), "id");
                var project = http.post("/api/v1/projects", "{\"organization_id\":\"" + orgId + "\",\"name\":\"P\"}", token);
                expect(project, 201);
                String projectId = Http.field(project.body(), "id");
                for (int i = 0; i < EVENTS; i++) {
                    expect(http.send("PATCH", "/api/v1/projects/" + projectId, "{\"name\":\"P" + i + "\"}", token), 200);
                }
                receiver.awaitHeld(8, Duration.ofSeconds(30)); // the dispatcher's 8 requests are in flight
                first.kill();
            }
            release.countDown();
            receiver.hold = null;
            assertThat(receiver.deliveries()).as("nothing completed before the kill").isEmpty();

            try (JarProcess second = JarProcess.start(List.of("serve", "--port", "0"), env())) {
                Http http = new Http(second.awaitListening());
                // a loaded machine: wait for readiness (database, migrations) and give the first login time
                http.awaitReady(READY);
                String token = http.login("ops@example.com", "an operator password", READY);
                Set<String> expected = new HashSet<>();
                for (int page = 1; page <= 3; page++) {
                    var log = http.get("/api/v1/webhooks/" + hookId + "/deliveries?per_page=100&page=" + page, token);
                    expect(log, 200);
                    Matcher m = EVENT_ID.matcher(log.body());
                    while (m.find()) {
                        expected.add(m.group(1));
                    }
                }
                // every project.updated was fanned out exactly once (the one the killed instance claimed too)
                assertThat(expected).hasSize(EVENTS);
                List<WebhookReceiver.Delivery> got = receiver.await(l -> l.stream().map(WebhookReceiver.Delivery::id)
                        .collect(java.util.stream.Collectors.toSet()).containsAll(expected), Duration.ofSeconds(120), "every event");
                Set<String> distinct = new HashSet<>();
                got.forEach(d -> distinct.add(d.id()));
                assertThat(distinct).containsAll(expected);
                assertThat(got.size()).as("at least once: %d requests for %d events", got.size(), EVENTS)
                        .isGreaterThanOrEqualTo(EVENTS);
                // the log agrees: every delivery succeeded (the outcome is recorded just after the 2xx)
                String last = "";
                for (int i = 0; i < 500 && !last.contains("\"total\":" + EVENTS); i++) {
                    var success = http.get("/api/v1/webhooks/" + hookId + "/deliveries?status=success&per_page=1", token);
                    expect(success, 200);
                    last = success.body();
                }
                assertThat(last).contains("\"total\":" + EVENTS);
            }
        }
    }
}
