package dev.gatehouse.http;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest
class AuditEventsApiTest extends ApiTestBase {
    String admin;
    String adminId;

    @BeforeAll
    void setUp() {
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

    @org.junit.jupiter.api.Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class TheTenantsOwnTrail {
            Tenants.Org org;
        Tenants.Org other;

        @BeforeAll
        void organizations() {
                org = tenants.org();
            other = tenants.org();
            api.postJson("/api/v1/organizations/" + org.id() + "/invitations", "{\"email\":\"audit-invitee@example.com\",\"role\":\"viewer\"}",
                    org.owner().token());
        }

        private String trail(String query) {
            return "/api/v1/audit-events?organization_id=" + org.id() + query;
        }

        @Test
        void ownersAndAdminsReadTheirOrganizationsEntriesOnly() {
            for (String token : java.util.List.of(org.owner().token(), org.admin().token())) {
                var r = api.get(trail("&limit=100"), token);
                assertThat(r.status()).as(r.body()).isEqualTo(200);
                assertThat(r.json().path("data").size()).isPositive();
                r.json().path("data").forEach(e -> assertThat(e.path("organization_id").asText()).isEqualTo(org.id()));
                assertThat(r.body()).contains("member.added").doesNotContain(other.id());
            }
        }

        @Test
        void everyFilterAndTheCursorApply() {
            var invitations = api.get(trail("&action=invitation.*&limit=1"), org.owner().token()).json();
            assertThat(invitations.path("data").size()).isEqualTo(1);
            assertThat(invitations.at("/data/0/action").asText()).startsWith("invitation.");
            var byActor = api.get(trail("&actor=" + org.owner().id()), org.owner().token()).json();
            byActor.path("data").forEach(e -> assertThat(e.at("/actor/id").asText()).isEqualTo(org.owner().id()));
            var first = api.get(trail("&action=member.added&limit=2"), org.owner().token()).json();
            assertThat(first.path("data").size()).isEqualTo(2);
            var next = api.get(first.at("/links/next").asText(), org.owner().token());
            assertThat(next.status()).isEqualTo(200);
            assertThat(next.json().path("data").size()).isEqualTo(1);
            assertThat(first.at("/links/next").asText()).contains("organization_id=" + org.id());
        }

        @Test
        void membersAndViewersAreRefusedNamingTheScope() {
            for (String token : java.util.List.of(org.member().token(), org.viewer().token())) {
                var r = api.get(trail(""), token);
                ErrorResponsesTest.assertProblem(r, 403, "access_denied");
                assertThat(r.json().at("/required_scope").asText()).isEqualTo("audit:read");
                ErrorResponsesTest.assertProblem(api.get("/api/v1/audit-events/export?organization_id=" + org.id(), token), 403,
                        "access_denied");
            }
        }

        @Test
        void anotherTenantsOwnerGetsNotFound() {
            ErrorResponsesTest.assertProblem(api.get(trail(""), other.owner().token()), 404, "not_found");
            ErrorResponsesTest.assertProblem(api.get("/api/v1/audit-events/export?organization_id=" + org.id(), other.owner().token()),
                    404, "not_found");
            ErrorResponsesTest.assertProblem(api.get("/api/v1/audit-events?organization_id=org_nonsense", org.owner().token()),
                    404, "not_found");
        }

        @Test
        void aKeyHoldingAuditReadReadsItsOwnOrganizationByDefault() {
            var key = api.postJson("/api/v1/api-keys", "{\"organization_id\":\"" + org.id()
                    + "\",\"name\":\"auditor\",\"scopes\":[\"audit:read\"]}", org.owner().token());
            assertThat(key.status()).as(key.body()).isEqualTo(201);
            String secret = key.json().at("/data/key").asText();
            var r = api.get("/api/v1/audit-events?action=api_key.*", secret);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(r.json().path("data").size()).isPositive();
            r.json().path("data").forEach(e -> assertThat(e.path("organization_id").asText()).isEqualTo(org.id()));
            ErrorResponsesTest.assertProblem(api.get("/api/v1/audit-events?organization_id=" + other.id(), secret), 404, "not_found");
        }

        @Test
        void platformAdminsReadEveryOrganizationOrOne() {
            var all = api.get("/api/v1/audit-events?action=organization.created&limit=100", admin).json();
            java.util.Set<String> orgs = new HashSet<>();
            all.path("data").forEach(e -> orgs.add(e.path("organization_id").asText()));
            assertThat(orgs).contains(org.id(), other.id());
            var one = api.get(trail("&action=organization.created"), admin).json();
            assertThat(one.path("data").size()).isEqualTo(1);
        }

        @Test
        void exportsTheRangeAsNdjsonOldestFirstAndAuditsTheExport() throws Exception {
            var r = api.get("/api/v1/audit-events/export?organization_id=" + org.id() + "&since=2000-01-01T00:00:00Z", org.owner().token());
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(r.contentType()).startsWith("application/x-ndjson");
            assertThat(r.header("Content-Disposition")).startsWith("attachment; filename=\"audit-events-" + org.id());
            var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
            var lines = r.body().lines().toList();
            assertThat(lines.size()).isGreaterThanOrEqualTo(4);
            String previous = "";
            for (String line : lines) {
                var e = mapper.readTree(line);
                assertThat(e.path("organization_id").asText()).isEqualTo(org.id());
                assertThat(e.path("occurred_at").asText()).isGreaterThanOrEqualTo(previous);
                previous = e.path("occurred_at").asText();
            }
            assertThat(mapper.readTree(lines.get(0)).path("action").asText()).isEqualTo("organization.created");
            var exported = api.get(trail("&action=audit.exported"), org.owner().token()).json();
            assertThat(exported.at("/data/0/actor/id").asText()).isEqualTo(org.owner().id());
            assertThat(exported.at("/data/0/changes/format").asText()).isEqualTo("ndjson");
        }

        @Test
        void exportsCsvWithAHeaderAndNeutralizedFormulas() {
            var renamed = tenants.patch(org.path(), "{\"name\":\"=HYPERLINK(\\\"x\\\")\"}", org.owner().token());
            assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
            var r = api.get("/api/v1/audit-events/export?format=csv&action=organization.updated&organization_id=" + org.id(),
                    org.admin().token());
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(r.contentType()).startsWith("text/csv");
            var lines = r.body().split("\r\n");
            assertThat(lines[0]).isEqualTo(String.join(",", AuditExportStream.CSV_COLUMNS));
            assertThat(lines).hasSize(2);
            assertThat(lines[1]).contains(",organization.updated,organization,").contains(org.id())
                    .doesNotContain(",=HYPERLINK");
        }

        @Test
        void refusesABadFormatOrRange() {
            var bad = api.get("/api/v1/audit-events/export?format=xml&organization_id=" + org.id(), org.owner().token());
            ErrorResponsesTest.assertProblem(bad, 422, "validation_failed");
            assertThat(bad.json().path("errors").has("format")).isTrue();
            var range = api.get("/api/v1/audit-events/export?since=2999-01-01T00:00:00Z&organization_id=" + org.id(), org.owner().token());
            ErrorResponsesTest.assertProblem(range, 422, "validation_failed");
            assertThat(range.json().path("errors").has("since")).isTrue();
        }
    }
}
