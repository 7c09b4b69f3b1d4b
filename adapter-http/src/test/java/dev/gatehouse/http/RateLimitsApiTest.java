package dev.gatehouse.http;

import dev.gatehouse.core.TestClock;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Request rate limits over HTTP, on a clock the test moves: headers on every authenticated response
 * (errors included), a real 429 for a key on the free tier, the reset, and verification's RATE_LIMITED.
 */
@MicronautTest
@Property(name = "test.rate-limit-clock", value = "true")
class RateLimitsApiTest extends ApiTestBase {
    static final TestClock CLOCK = new TestClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));

    @Factory
    @Requires(property = "test.rate-limit-clock", value = "true")
    static class ClockFactory {
        @Singleton
        Clock clock() {
            return CLOCK;
        }
    }

    String owner;
    String org;

    @BeforeAll
    void setUp() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        owner = api.userToken(gatehouse, "limits-" + tag + "@example.com", false);
        var o = api.postJson("/api/v1/organizations", "{\"name\":\"Limits " + tag + "\"}", owner);
        assertThat(o.status()).as(o.body()).isEqualTo(201);
        org = o.json().at("/data/id").asText();
    }

    private String issueKey(String tier) {
        var r = api.postJson("/api/v1/api-keys", "{\"organization_id\":\"" + org + "\",\"name\":\"limited\",\"scopes\":"
                + "[\"projects:read\"],\"rate_limit_tier\":\"" + tier + "\"}", owner);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().at("/data/key").asText();
    }

    private String projects() {
        return "/api/v1/projects?organization_id=" + org;
    }

    private static long epoch(Instant t) {
        return t.getEpochSecond() + (t.getNano() > 0 ? 1 : 0);
    }

    @Test
    void aFreeKeyIsRefusedWith429AfterSixtyRequestsAndRecoversWithTime() {
        String key = issueKey("free");
        Instant now = CLOCK.instant();
        var first = api.get("/api/v1/projects?organization_id=" + org, key);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.header("X-RateLimit-Limit")).isEqualTo("60");
        assertThat(first.header("X-RateLimit-Remaining")).isEqualTo("59");
        assertThat(first.header("X-RateLimit-Reset")).isEqualTo(String.valueOf(epoch(now.plusSeconds(1))));
        assertThat(first.header("RateLimit-Policy")).isEqualTo("\"free\";q=60;w=60");
        assertThat(first.header("RateLimit")).isEqualTo("\"free\";r=59;t=1");
        assertThat(first.header("Retry-After")).isNull();

        // An error response is limited and labelled too.
        var missing = api.get("/api/v1/projects/prj_01h455vb4pex5vsknk084sn02q", key);
        ErrorResponsesTest.assertProblem(missing, 404, "not_found");
        assertThat(missing.header("X-RateLimit-Remaining")).isEqualTo("58");
        assertThat(missing.header("RateLimit")).isEqualTo("\"free\";r=58;t=2");

        for (int i = 0; i < 58; i++) {
            assertThat(api.get(projects(), key).status()).isEqualTo(200);
        }
        var refused = api.get(projects(), key);
        ErrorResponsesTest.assertProblem(refused, 429, "rate_limit_exceeded");
        assertThat(refused.header("Retry-After")).isEqualTo("1");
        assertThat(refused.json().path("retry_after").asLong()).isEqualTo(1);
        assertThat(refused.json().path("limit").asLong()).isEqualTo(60);
        assertThat(refused.json().path("remaining").asLong()).isZero();
        assertThat(refused.json().path("reset_at").asText()).isEqualTo(now.plusSeconds(60).toString());
        assertThat(refused.header("X-RateLimit-Limit")).isEqualTo("60");
        assertThat(refused.header("X-RateLimit-Remaining")).isEqualTo("0");
        assertThat(refused.header("X-RateLimit-Reset")).isEqualTo(String.valueOf(now.plusSeconds(60).getEpochSecond()));
        assertThat(refused.header("RateLimit")).isEqualTo("\"free\";r=0;t=60");

        // A POST is refused before anything runs (no idempotency record, no write).
        var write = api.postJson("/api/v1/projects", "{\"organization_id\":\"" + org + "\",\"name\":\"Never\"}", key,
                "Idempotency-Key", UUID.randomUUID().toString());
        ErrorResponsesTest.assertProblem(write, 429, "rate_limit_exceeded");

        CLOCK.advance(Duration.ofSeconds(1));
        var oneBack = api.get(projects(), key);
        assertThat(oneBack.status()).isEqualTo(200);
        assertThat(oneBack.header("X-RateLimit-Remaining")).isEqualTo("0");
        CLOCK.advance(Duration.ofMinutes(1));
        var full = api.get(projects(), key);
        assertThat(full.status()).isEqualTo(200);
        assertThat(full.header("X-RateLimit-Remaining")).isEqualTo("59");
    }

    @Test
    void verificationConsumesTheVerifiedKeysBucketAndReportsRateLimited() {
        String key = issueKey("free");
        for (int i = 0; i < 60; i++) {
            var v = api.postJson("/api/v1/api-keys/verify", "{\"key\":\"" + key + "\"}", owner);
            assertThat(v.json().at("/data/code").asText()).as("verification %d", i).isEqualTo("VALID");
        }
        var limited = api.postJson("/api/v1/api-keys/verify", "{\"key\":\"" + key + "\"}", owner);
        assertThat(limited.status()).isEqualTo(200);
        assertThat(limited.json().at("/data/valid").asBoolean()).isFalse();
        assertThat(limited.json().at("/data/code").asText()).isEqualTo("RATE_LIMITED");
        // The key itself is out of tokens too: its own bucket was spent by the verifications.
        ErrorResponsesTest.assertProblem(api.get(projects(), key), 429, "rate_limit_exceeded");
    }

    @Test
    void sessionsAndAdminsHaveTheirTiersAndUnauthenticatedEndpointsNoHeaders() {
        var me = api.get("/api/v1/me", owner);
        assertThat(me.header("RateLimit-Policy")).isEqualTo("\"pro\";q=6500;w=78");
        var admin = api.get("/api/v1/me", api.adminToken());
        assertThat(admin.header("RateLimit-Policy")).isEqualTo("\"enterprise\";q=200000;w=120");
        var login = api.postJson("/api/v1/auth/login", "{\"email\":\"nobody@example.com\",\"password\":\"wrong-password\"}", null);
        assertThat(login.header("X-RateLimit-Limit")).isNull();
        assertThat(api.get("/healthz").header("X-RateLimit-Limit")).isNull();
        var unauthenticated = api.get("/api/v1/me");
        assertThat(unauthenticated.status()).isEqualTo(401);
        assertThat(unauthenticated.header("X-RateLimit-Limit")).isNull();
    }
}
