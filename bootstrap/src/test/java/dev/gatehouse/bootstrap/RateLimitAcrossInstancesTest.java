package dev.gatehouse.bootstrap;

import dev.gatehouse.postgres.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Optional;
import java.util.UUID;

import static dev.gatehouse.bootstrap.RunningServer.expect;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rate limits as deployed: two servers on one PostgreSQL database share a key's bucket, so a free
 * key gets its 60 requests in total (plus what refills meanwhile), not 60 per instance; and with
 * {@code GATEHOUSE_RATE_LIMITS=off} nothing is limited or labelled.
 */
class RateLimitAcrossInstancesTest {
    @RegisterExtension
    static final TestPostgres POSTGRES = new TestPostgres();

    @Test
    void twoInstancesEnforceOneLimitPerKey() throws Exception {
        var config = TestServers.postgres(POSTGRES);
        try (var a = RunningServer.start(config); var b = RunningServer.start(config)) {
            Http onA = a.http();
            Http onB = b.http();
            String root = a.loginAdmin();
            String orgId = a.createOrganization(root, "Acme Corp");
            var issued = onA.post("/api/v1/api-keys", "{\"organization_id\":\"" + orgId
                    + "\",\"name\":\"backend\",\"scopes\":[\"projects:read\"]}", root, UUID.randomUUID().toString());
            expect(issued, 201);
            String key = Http.field(issued.body(), "key");
            String path = "/api/v1/projects?organization_id=" + orgId;

            var first = onA.get(path, key);
            expect(first, 200);
            assertThat(first.headers().firstValue("RateLimit-Policy")).contains("\"free\";q=60;w=60");
            var second = onB.get(path, key);
            expect(second, 200);
            // B sees A's request: one bucket (remaining 58, or 59 if a token refilled in between).
            assertThat(Long.parseLong(second.headers().firstValue("X-RateLimit-Remaining").orElseThrow())).isBetween(58L, 59L);

            long started = System.nanoTime();
            int granted = 2;
            int refusedOnA = 0;
            int refusedOnB = 0;
            for (int i = 0; i < 100; i++) {
                boolean useA = i % 2 == 0;
                var r = (useA ? onA : onB).get(path, key);
                if (r.statusCode() == 200) {
                    granted++;
                } else {
                    expect(r, 429);
                    assertThat(r.headers().firstValue("Retry-After")).isPresent();
                    if (useA) {
                        refusedOnA++;
                    } else {
                        refusedOnB++;
                    }
                }
            }
            long elapsedSeconds = (System.nanoTime() - started) / 1_000_000_000L + 1;
            assertThat(granted).as("60 in total plus at most one per elapsed second").isBetween(60, 60 + (int) elapsedSeconds + 1);
            assertThat(refusedOnA).isPositive();
            assertThat(refusedOnB).isPositive();
        }
    }

    @Test
    void offMeansNeitherLimitsNorHeaders() throws Exception {
        var config = new ServerConfig(Optional.empty(), 0).withRateLimits(new ServerConfig.RateLimits(false, "free", "free"));
        try (var server = RunningServer.start(config)) {
            Http http = server.http();
            String root = server.loginAdmin();
            for (int i = 0; i < 3; i++) {
                var me = http.get("/api/v1/me", root);
                expect(me, 200);
                assertThat(me.headers().firstValue("X-RateLimit-Limit")).isEmpty();
                assertThat(me.headers().firstValue("RateLimit")).isEmpty();
            }
        }
    }
}
