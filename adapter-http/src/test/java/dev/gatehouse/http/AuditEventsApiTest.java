package dev.gatehouse.http;

import dev.gatehouse.core.Gatehouse;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditEventsApiTest {
    @Inject
    EmbeddedServer server;
    @Inject
    Gatehouse gatehouse;

    Api api;
    String admin;
    String adminId;

    @BeforeAll
    void setUp() {
        api = new Api(server.getURL());
        admin = api.adminToken();
        adminId = api.get("/api/v1/me", admin).json().at("/data/id").asText();
        for (int i = 0; i < 5; i++) {
            api.postJson("/api/v1/users", "{\"email\":\"audited" + i + "@example.com\",\"password\":\"long-enough-pw\"}", admin);
        }
    }

    @Test
    void recordsTheOriginOfTheRequestOnTheEvent() {
        var created = api.send(api.request("/api/v1/users").header("Authorization", "Bearer " + admin)
                .header("Content-Type", "application/json").header("User-Agent", "audit-test/1.0")
                .header("X-Request-ID", "audit-req-1").header("X-Correlation-ID", "flow-42").header("Idempotency-Key", "audit-key-1")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"email\":\"origin@example.com\",\"password\":\"long-enough-pw\",\"name\":\"O\"}"))
                .build());
        assertThat(created.status()).as(created.headers().map() + " body=" + created.body()).isEqualTo(201);
        String userId = created.json().at("/data/id").asText();

        var r = api.get("/api/v1/audit-events?action=user.created&resource=" + userId, admin);
        assertThat(r.status()).isEqualTo(200);
        var event = r.json().path("data").get(0);
        assertThat(event.path("id").asText()).startsWith("evt_");
        assertThat(event.path("occurred_at").asText()).endsWith("Z");
        assertThat(event.at("/actor/type").asText()).isEqualTo("user");
        assertThat(event.at("/actor/id").asText()).isEqualTo(adminId);
        assertThat(event.path("action").asText()).isEqualTo("user.created");
        assertThat(event.at("/resource/type").asText()).isEqualTo("user");
        assertThat(event.at("/resource/id").asText()).isEqualTo(userId);
        assertThat(event.has("organization_id")).isTrue();
        assertThat(event.path("ip").asText()).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
        assertThat(event.path("user_agent").asText()).isEqualTo("audit-test/1.0");
        assertThat(event.path("request_id").asText()).isEqualTo("audit-req-1");
        assertThat(event.path("correlation_id").asText()).isEqualTo("flow-42");
        assertThat(event.path("idempotency_key").asText()).isEqualTo("audit-key-1");
        assertThat(event.at("/changes/email").asText()).isEqualTo("origin@example.com");
        assertThat(event.toString()).doesNotContain("long-enough-pw");
    }

    @Test
    void pagesThroughTheTrailWithACursor() {
        var first = api.get("/api/v1/audit-events?action=user.created&limit=2", admin).json();
        assertThat(first.path("data").size()).isEqualTo(2);
        assertThat(first.at("/meta/limit").asInt()).isEqualTo(2);
        String cursor = first.at("/meta/next_cursor").asText();
        assertThat(cursor).isNotBlank();
        assertThat(first.at("/links/next").asText()).isEqualTo("/api/v1/audit-events?action=user.created&limit=2&cursor=" + cursor);

        Set<String> seen = new HashSet<>();
        first.path("data").forEach(e -> seen.add(e.path("id").asText()));
        var second = api.get(first.at("/links/next").asText(), admin).json();
        second.path("data").forEach(e -> assertThat(seen.add(e.path("id").asText())).isTrue());
        assertThat(second.path("data").size()).isEqualTo(2);
    }

    @Test
    void lastSliceHasNoNextCursor() {
        var all = api.get("/api/v1/audit-events?limit=100", admin).json();
        assertThat(all.at("/meta/next_cursor").isNull()).isTrue();
        assertThat(all.at("/links/next").isNull()).isTrue();
        assertThat(all.at("/meta/limit").asInt()).isEqualTo(100);
    }

    @Test
    void defaultsToFiftyAndFiltersByActorAndTime() {
        var r = api.get("/api/v1/audit-events?actor=" + adminId + "&since=2000-01-01T00:00:00Z&until=2999-01-01T00:00:00Z", admin).json();
        assertThat(r.at("/meta/limit").asInt()).isEqualTo(50);
        assertThat(r.path("data").size()).isPositive();
        r.path("data").forEach(e -> assertThat(e.at("/actor/id").asText()).isEqualTo(adminId));
        var none = api.get("/api/v1/audit-events?until=2000-01-01T00:00:00Z", admin).json();
        assertThat(none.path("data").size()).isZero();
    }

    @Test
    void rejectsBadParametersNamingTheField() {
        var badTime = api.get("/api/v1/audit-events?since=last-week", admin);
        ErrorResponsesTest.assertProblem(badTime, 422, "validation_failed");
        assertThat(badTime.json().path("errors").has("since")).isTrue();
        var badLimit = api.get("/api/v1/audit-events?limit=500", admin);
        ErrorResponsesTest.assertProblem(badLimit, 422, "validation_failed");
        assertThat(badLimit.json().path("errors").has("limit")).isTrue();
        assertThat(api.get("/api/v1/audit-events?limit=ten", admin).json().path("errors").has("limit")).isTrue();
        assertThat(api.get("/api/v1/audit-events?cursor=garbage", admin).json().path("errors").has("cursor")).isTrue();
    }

    @Test
    void nonAdminsMayNotReadTheTrail() {
        ErrorResponsesTest.assertProblem(api.get("/api/v1/audit-events", api.userToken(gatehouse, "peeker@example.com", false)),
                403, "access_denied");
    }
}
