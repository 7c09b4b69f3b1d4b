package dev.gatehouse.bootstrap;

import dev.gatehouse.postgres.testing.TestPostgres;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Entitlements end to end on a server wired as {@code serve} wires it, on the embedded default and
 * on PostgreSQL: plan and overrides by the platform admin, seats enforced at invitation acceptance,
 * concurrent usage over HTTP never passing a hard limit, and the plans file (custom and broken).
 */
class EntitlementsFlowTest {
    @RegisterExtension
    static final TestPostgres POSTGRES = new TestPostgres();

    private static final Map<String, Object> ADMIN = Map.of("gatehouse.admin.email", "root@example.com",
            "gatehouse.admin.password", "a long admin password");

    private static ServerConfig config(String store) {
        return TestServers.config(store, POSTGRES);
    }

    private static void expect(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(() -> r.request().method() + " " + r.request().uri() + " → " + r.body()).isEqualTo(status);
    }

    private static String user(Http http, String root, String name) throws Exception {
        expect(http.post("/api/v1/users", "{\"email\":\"" + name + "@example.com\",\"password\":\"" + name
                + "'s long password\",\"name\":\"" + name + "\"}", root), 201);
        return http.login(name + "@example.com", name + "'s long password");
    }

    @OnEveryStore
    void plansLimitsAndConcurrentUsage(String store) throws Exception {
        EmbeddedServer server = GatehouseServer.start(config(store), ADMIN);
        try {
            Http http = new Http(server.getURL().toString());
            String root = http.login("root@example.com", "a long admin password");
            String alice = user(http, root, "alice");
            String bob = user(http, root, "bob");
            String carol = user(http, root, "carol");
            var org = http.post("/api/v1/organizations", "{\"name\":\"Metered\"}", alice);
            expect(org, 201);
            String orgId = Http.field(org.body(), "id");
            String orgPath = "/api/v1/organizations/" + orgId;

            expect(http.send("PUT", orgPath + "/plan", "{\"tier\":\"starter\"}", alice), 403);
            expect(http.send("PUT", orgPath + "/plan", "{\"tier\":\"starter\"}", root), 200);
            expect(http.send("PUT", orgPath + "/entitlements/members", "{\"limit\":2}", root), 200);

            var toBob = http.post(orgPath + "/invitations", "{\"email\":\"bob@example.com\",\"role\":\"member\"}", alice);
            var toCarol = http.post(orgPath + "/invitations", "{\"email\":\"carol@example.com\",\"role\":\"member\"}", alice);
            expect(http.post("/api/v1/invitations/" + Http.field(toBob.body(), "token") + "/accept", "{}", bob), 200);
            var full = http.post("/api/v1/invitations/" + Http.field(toCarol.body(), "token") + "/accept", "{}", carol);
            expect(full, 403);
            assertThat(full.body()).contains("\"feature_limit_reached\"").contains("\"feature\":\"members\"");
            String bobId = Http.field(http.get("/api/v1/me", bob).body(), "id");
            expect(http.send("DELETE", orgPath + "/members/" + bobId, null, alice), 204);
            expect(http.post("/api/v1/invitations/" + Http.field(toCarol.body(), "token") + "/accept", "{}", carol), 200);

            // 32 concurrent recordings against a hard limit of 10: exactly 10 are granted.
            expect(http.send("PUT", orgPath + "/entitlements/seo_reports", "{\"limit\":10}", root), 200);
            int writers = 32;
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            try {
                for (int i = 0; i < writers; i++) {
                    results.add(pool.submit(() -> {
                        go.await();
                        return http.post("/api/v1/entitlements/usage", "{\"organization_id\":\"" + orgId
                                + "\",\"feature\":\"seo_reports\",\"quantity\":1}", carol).statusCode();
                    }));
                }
                go.countDown();
                int granted = 0;
                int refused = 0;
                for (Future<Integer> f : results) {
                    int status = f.get(60, TimeUnit.SECONDS);
                    granted += status == 200 ? 1 : 0;
                    refused += status == 403 ? 1 : 0;
                }
                assertThat(granted).isEqualTo(10);
                assertThat(refused).isEqualTo(writers - 10);
            } finally {
                pool.shutdownNow();
            }
            var summary = http.get("/api/v1/entitlements/summary?organization_id=" + orgId, alice);
            expect(summary, 200);
            assertThat(summary.body()).contains("\"tier\":\"starter\"")
                    .contains("\"seo_reports\":{\"type\":\"counter\",\"enabled\":true,\"used\":10,\"limit\":10,\"available\":0,"
                            + "\"percentage\":100");
            var check = http.get("/api/v1/entitlements/check?feature=seo_reports&organization_id=" + orgId, carol);
            assertThat(check.body()).contains("\"allowed\":false").contains("\"reason\":\"LIMIT_EXCEEDED\"");
        } finally {
            server.getApplicationContext().close();
        }
    }

    @Test
    void aCustomPlansFileIsServed(@TempDir Path dir) throws Exception {
        String bundled;
        try (var in = getClass().getResourceAsStream("/gatehouse-plans.properties")) {
            bundled = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        Path file = dir.resolve("plans.properties");
        Files.writeString(file, bundled.replace("plan.free.name = Free", "plan.free.name = Hobby")
                + "\nfeature.widgets.type = counter\nfeature.widgets.period = day\nplan.free.widgets = 7\n");
        Map<String, Object> props = new java.util.HashMap<>(ADMIN);
        props.put("gatehouse.plans.file", file.toString());
        EmbeddedServer server = GatehouseServer.start(config("memory"), props);
        try {
            Http http = new Http(server.getURL().toString());
            String root = http.login("root@example.com", "a long admin password");
            var plans = http.get("/api/v1/plans", root);
            expect(plans, 200);
            assertThat(plans.body()).contains("\"name\":\"Hobby\"")
                    .contains("\"widgets\":{\"type\":\"counter\",\"unit\":\"count\",\"enabled\":true,\"limit\":7,\"period\":\"day\"");
        } finally {
            server.getApplicationContext().close();
        }
    }

    @Test
    void aBrokenPlansFileStopsTheStartNamingLineAndKey(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("plans.properties");
        Files.writeString(file, "feature.members.type = gauge\n# comment\nplan.free.members = lots\n");
        Map<String, Object> props = new java.util.HashMap<>(ADMIN);
        props.put("gatehouse.plans.file", file.toString());
        assertThatThrownBy(() -> GatehouseServer.start(config("memory"), props).getApplicationContext().close())
                .satisfies(e -> {
                    StringBuilder chain = new StringBuilder();
                    for (Throwable t = e; t != null; t = t.getCause()) {
                        chain.append(t.getMessage()).append('\n');
                    }
                    assertThat(chain.toString()).contains("line 3").contains("plan.free.members");
                });
    }
}
