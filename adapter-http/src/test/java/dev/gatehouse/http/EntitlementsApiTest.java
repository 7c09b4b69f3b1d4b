package dev.gatehouse.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.events.DomainEvent;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Plans, overrides, check, usage, summary, threshold events and the product's own limits, over HTTP. */
@MicronautTest
class EntitlementsApiTest extends ApiTestBase {
    String admin;

    @BeforeAll
    void setUp() {
        admin = api.adminToken();
    }

    private Api.Response put(String path, String json, String token) {
        return api.send(api.request(path).header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .method("PUT", HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private void override(Tenants.Org org, String feature, String body) {
        var r = put(org.path() + "/entitlements/" + feature, body, admin);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    private Api.Response record(Tenants.Org org, String feature, long quantity, String token) {
        return api.postJson("/api/v1/entitlements/usage", "{\"organization_id\":\"" + org.id() + "\",\"feature\":\"" + feature
                + "\",\"quantity\":" + quantity + ",\"metadata\":{\"endpoint\":\"/api/v1/posts\"}}", token);
    }

    private JsonNode check(Tenants.Org org, String feature, long quantity, String token) {
        var r = api.get("/api/v1/entitlements/check?organization_id=" + org.id() + "&feature=" + feature + "&quantity=" + quantity, token);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().path("data");
    }

    private List<DomainEvent> thresholdEvents(Tenants.Org org) {
        return gatehouse.stores().platform().eventOutbox().after(null, 100_000).stream()
                .filter(e -> e.type().equals("entitlement.threshold_reached"))
                .filter(e -> e.organizationId() != null && e.organizationId().text().equals(org.id()))
                .toList();
    }

    @Test
    void anyAuthenticatedCallerReadsTheCatalog() {
        Tenants.Org org = tenants.org();
        var r = api.get("/api/v1/plans", org.viewer().token());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode plans = r.json().path("data");
        assertThat(plans).extracting(p -> p.path("tier").asText()).containsExactly("free", "starter", "pro", "agency", "enterprise");
        assertThat(plans.get(0).at("/features/members/limit").asLong()).isEqualTo(10);
        assertThat(plans.get(0).at("/features/members/type").asText()).isEqualTo("gauge");
        assertThat(plans.get(0).at("/features/api_calls/period").asText()).isEqualTo("month");
        assertThat(plans.get(0).at("/features/sso/enabled").asBoolean()).isFalse();
        assertThat(plans.get(2).at("/features/api_calls/soft").asBoolean()).isTrue();
        assertThat(plans.get(4).at("/features/members/limit").isNull()).as("unlimited").isTrue();
        assertThat(r.json().at("/meta/total").asInt()).isEqualTo(5);
        assertThat(api.get("/api/v1/plans").status()).isEqualTo(401);
    }

    @Test
    void onlyPlatformAdminsChangeThePlan() {
        Tenants.Org org = tenants.org();
        ErrorResponsesTest.assertProblem(put(org.path() + "/plan", "{\"tier\":\"pro\"}", org.owner().token()), 403, "access_denied");
        ErrorResponsesTest.assertProblem(put(org.path() + "/plan", "{\"tier\":\"pro\"}", org.outsider().token()), 404, "not_found");
        ErrorResponsesTest.assertProblem(put(org.path() + "/plan", "{\"tier\":\"gold\"}", admin), 422, "validation_failed");
        ErrorResponsesTest.assertProblem(put(org.path() + "/entitlements/posts", "{\"limit\":5}", org.owner().token()), 403,
                "access_denied");
        var changed = put(org.path() + "/plan", "{\"tier\":\"pro\"}", admin);
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().at("/data/tier").asText()).isEqualTo("pro");
        assertThat(changed.json().at("/data/subscription_started_at").asText()).isNotBlank();
        assertThat(api.get(org.path(), org.owner().token()).json().at("/data/tier").asText()).isEqualTo("pro");
        assertThat(gatehouse.entitlements().organizationPlans().tierOf(dev.gatehouse.core.shared.OrganizationId.parse(org.id()).orElseThrow()))
                .hasValue("pro");
        var summary = api.get("/api/v1/entitlements/summary?organization_id=" + org.id(), org.viewer().token());
        assertThat(summary.json().at("/data/tier").asText()).isEqualTo("pro");
        assertThat(summary.json().at("/data/entitlements/members/limit").asLong()).isEqualTo(100);
        var audit = api.get("/api/v1/audit-events?action=organization.plan_changed", admin);
        assertThat(audit.body()).contains(org.id());
    }

    @Test
    void checkRecordAndSummarizeUpToAHardLimit() {
        Tenants.Org org = tenants.org();
        override(org, "seo_reports", "{\"limit\":3,\"period\":\"month\"}");
        JsonNode before = check(org, "seo_reports", 2, org.viewer().token());
        assertThat(before.path("allowed").asBoolean()).isTrue();
        assertThat(before.path("current_usage").asLong()).isZero();
        assertThat(before.path("limit").asLong()).isEqualTo(3);
        assertThat(before.path("available").asLong()).isEqualTo(3);
        assertThat(before.path("reset_at").asText()).endsWith("Z");
        assertThat(before.has("reason")).isFalse();

        var first = record(org, "seo_reports", 2, org.member().token());
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().at("/data/recorded").asBoolean()).isTrue();
        assertThat(first.json().at("/data/current_usage").asLong()).isEqualTo(2);
        assertThat(record(org, "seo_reports", 1, org.member().token()).json().at("/data/available").asLong()).isZero();

        var refused = record(org, "seo_reports", 1, org.member().token());
        ErrorResponsesTest.assertProblem(refused, 403, "feature_limit_reached");
        assertThat(refused.json().path("feature").asText()).isEqualTo("seo_reports");
        assertThat(refused.json().path("limit").asLong()).isEqualTo(3);
        assertThat(refused.json().path("current_usage").asLong()).isEqualTo(3);
        assertThat(refused.json().path("upgrade_url").asText()).startsWith("http");

        JsonNode after = check(org, "seo_reports", 1, org.viewer().token());
        assertThat(after.path("allowed").asBoolean()).isFalse();
        assertThat(after.path("reason").asText()).isEqualTo("LIMIT_EXCEEDED");
        assertThat(after.path("message").asText()).contains("Used: 3");
        assertThat(after.path("upgrade_url").asText()).startsWith("http");

        JsonNode summary = api.get("/api/v1/entitlements/summary?organization_id=" + org.id(), org.viewer().token())
                .json().path("data");
        assertThat(summary.path("tier").asText()).isEqualTo("free");
        JsonNode seo = summary.at("/entitlements/seo_reports");
        assertThat(seo.path("used").asLong()).isEqualTo(3);
        assertThat(seo.path("limit").asLong()).isEqualTo(3);
        assertThat(seo.path("available").asLong()).isZero();
        assertThat(seo.path("percentage").decimalValue()).isEqualByComparingTo("100");
        assertThat(seo.path("unit").asText()).isEqualTo("reports");
        assertThat(seo.path("reset_at").asText()).endsWith("Z");
        assertThat(seo.path("overridden").asBoolean()).isTrue();
        assertThat(summary.at("/entitlements/members/used").asLong()).as("owner, admin, member, viewer").isEqualTo(4);
        assertThat(summary.at("/entitlements/storage/unit").asText()).isEqualTo("bytes");
        assertThat(summary.at("/entitlements/members/reset_at").isNull()).isTrue();
    }

    @Test
    void refusalsAndBadInputSayWhy() {
        Tenants.Org org = tenants.org();
        assertThat(check(org, "teleportation", 1, org.viewer().token()).path("reason").asText()).isEqualTo("UNKNOWN_FEATURE");
        JsonNode sso = check(org, "sso", 1, org.viewer().token());
        assertThat(sso.path("allowed").asBoolean()).isFalse();
        assertThat(sso.path("reason").asText()).isEqualTo("FEATURE_NOT_IN_PLAN");
        ErrorResponsesTest.assertProblem(record(org, "teleportation", 1, org.member().token()), 422, "validation_failed");
        ErrorResponsesTest.assertProblem(record(org, "sso", 1, org.member().token()), 422, "validation_failed");
        ErrorResponsesTest.assertProblem(record(org, "api_calls", -1, org.member().token()), 422, "validation_failed");
        var managed = record(org, "members", -3, org.member().token());
        ErrorResponsesTest.assertProblem(managed, 422, "validation_failed");
        assertThat(managed.body()).contains("counted by Gatehouse itself");
        ErrorResponsesTest.assertProblem(record(org, "api_calls", 0, org.member().token()), 422, "validation_failed");
        ErrorResponsesTest.assertProblem(api.postJson("/api/v1/entitlements/usage",
                "{\"organization_id\":\"" + org.id() + "\",\"feature\":\"api_calls\",\"quantity\":1.5}", org.member().token()),
                422, "validation_failed");
        ErrorResponsesTest.assertProblem(api.postJson("/api/v1/entitlements/usage", "{\"feature\":\"api_calls\"}",
                org.member().token()), 422, "validation_failed");
        ErrorResponsesTest.assertProblem(api.get("/api/v1/entitlements/check?organization_id=" + org.id()
                + "&feature=posts&quantity=lots", org.viewer().token()), 422, "validation_failed");
        ErrorResponsesTest.assertProblem(record(org, "api_calls", 1, org.viewer().token()), 403, "access_denied");
        ErrorResponsesTest.assertProblem(record(org, "api_calls", 1, org.outsider().token()), 404, "not_found");
        ErrorResponsesTest.assertProblem(put(org.path() + "/entitlements/posts", "{\"limit\":-1}", admin), 422, "validation_failed");
        ErrorResponsesTest.assertProblem(put(org.path() + "/entitlements/members", "{\"limit\":5,\"period\":\"month\"}", admin),
                422, "validation_failed");
        ErrorResponsesTest.assertProblem(put(org.path() + "/entitlements/nothing", "{\"limit\":5}", admin), 422, "validation_failed");

        var gauge = record(org, "posts", 5, org.member().token());
        assertThat(gauge.status()).as(gauge.body()).isEqualTo(200);
        var released = record(org, "posts", -2, org.member().token());
        assertThat(released.status()).as(released.body()).isEqualTo(200);
        assertThat(released.json().at("/data/current_usage").asLong()).isEqualTo(3);
    }

    @Test
    void softLimitsAllowOverageAndReportIt() {
        Tenants.Org org = tenants.org();
        override(org, "api_calls", "{\"limit\":5,\"soft\":true}");
        var over = record(org, "api_calls", 7, org.member().token());
        assertThat(over.status()).as(over.body()).isEqualTo(200);
        assertThat(over.json().at("/data/current_usage").asLong()).isEqualTo(7);
        assertThat(over.json().at("/data/overage").asLong()).isEqualTo(2);
        assertThat(over.json().at("/data/soft").asBoolean()).isTrue();
        JsonNode c = check(org, "api_calls", 1, org.viewer().token());
        assertThat(c.path("allowed").asBoolean()).isTrue();
        assertThat(c.path("overage").asLong()).isEqualTo(3);
        override(org, "sso", "{\"limit\":true}");
        assertThat(check(org, "sso", 1, org.viewer().token()).path("allowed").asBoolean()).isTrue();
        override(org, "api_calls", "{\"limit\":\"unlimited\"}");
        JsonNode unlimited = check(org, "api_calls", 1_000_000, org.viewer().token());
        assertThat(unlimited.path("allowed").asBoolean()).isTrue();
        assertThat(unlimited.path("limit").isNull()).isTrue();
    }

    @Test
    void thresholdEventsOnceAtEightyAndOneHundredPercent() {
        Tenants.Org org = tenants.org();
        override(org, "posts", "{\"limit\":10}");
        record(org, "posts", 7, org.member().token());
        assertThat(thresholdEvents(org)).isEmpty();
        record(org, "posts", 1, org.member().token());
        assertThat(thresholdEvents(org)).extracting(e -> e.data().get("threshold")).containsExactly(80);
        record(org, "posts", 1, org.member().token());
        record(org, "posts", -3, org.member().token());
        record(org, "posts", 3, org.member().token());
        assertThat(thresholdEvents(org)).as("80 % again: already announced").hasSize(1);
        record(org, "posts", 1, org.member().token());
        List<DomainEvent> events = thresholdEvents(org);
        assertThat(events).extracting(e -> e.data().get("threshold")).containsExactly(80, 100);
        assertThat(events.get(1).data()).containsEntry("feature", "posts").containsEntry("used", 10L).containsEntry("limit", 10L);
        ErrorResponsesTest.assertProblem(record(org, "posts", 1, org.member().token()), 403, "feature_limit_reached");
        assertThat(thresholdEvents(org)).hasSize(2);
    }

    @Test
    void aRetriedRecordingWithTheSameIdempotencyKeyCountsOnce() {
        Tenants.Org org = tenants.org();
        String key = UUID.randomUUID().toString();
        String body = "{\"organization_id\":\"" + org.id() + "\",\"feature\":\"api_calls\",\"quantity\":3}";
        var first = api.postJson("/api/v1/entitlements/usage", body, org.member().token(), "Idempotency-Key", key);
        var retry = api.postJson("/api/v1/entitlements/usage", body, org.member().token(), "Idempotency-Key", key);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(retry.json().at("/data/current_usage").asLong()).isEqualTo(3);
        assertThat(check(org, "api_calls", 1, org.viewer().token()).path("current_usage").asLong()).isEqualTo(3);
        var other = api.postJson("/api/v1/entitlements/usage", body, org.member().token(), "Idempotency-Key",
                UUID.randomUUID().toString());
        assertThat(other.json().at("/data/current_usage").asLong()).isEqualTo(6);
    }

    @Test
    void anApiKeyActsInItsOwnOrganization() {
        Tenants.Org org = tenants.org();
        Tenants.Org other = tenants.org();
        var issued = api.postJson("/api/v1/api-keys", "{\"organization_id\":\"" + org.id() + "\",\"name\":\"meter\","
                + "\"scopes\":[\"usage:write\",\"entitlements:read\"]}", org.owner().token());
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        String key = issued.json().at("/data/key").asText();
        var recorded = api.postJson("/api/v1/entitlements/usage", "{\"feature\":\"api_calls\",\"quantity\":2}", key);
        assertThat(recorded.status()).as(recorded.body()).isEqualTo(200);
        var checked = api.get("/api/v1/entitlements/check?feature=api_calls", key);
        assertThat(checked.json().at("/data/current_usage").asLong()).isEqualTo(2);
        var summary = api.get("/api/v1/entitlements/summary", key);
        assertThat(summary.json().at("/data/organization_id").asText()).isEqualTo(org.id());
        assertThat(summary.json().at("/data/entitlements/api_keys/used").asLong()).isEqualTo(1);
        ErrorResponsesTest.assertProblem(api.get("/api/v1/entitlements/check?feature=api_calls&organization_id=" + other.id(), key),
                404, "not_found");
    }

    @Test
    void theProductEnforcesItsOwnLimits() {
        Tenants.Org org = tenants.org();
        // members: owner, admin, member, viewer → a limit of 4 leaves no seat
        override(org, "members", "{\"limit\":4}");
        Tenants.Person extra = tenants.person("extra");
        var add = api.postJson(org.path() + "/members", "{\"user_id\":\"" + extra.id() + "\",\"role\":\"viewer\"}", org.owner().token());
        ErrorResponsesTest.assertProblem(add, 403, "feature_limit_reached");
        assertThat(add.json().path("feature").asText()).isEqualTo("members");
        assertThat(tenants.delete(org.path() + "/members/" + org.viewer().id(), org.owner().token()).status()).isEqualTo(204);
        tenants.add(org, extra, "viewer");

        override(org, "projects", "{\"limit\":1}");
        var p1 = api.postJson("/api/v1/projects", "{\"organization_id\":\"" + org.id() + "\",\"name\":\"One\"}", org.owner().token());
        assertThat(p1.status()).as(p1.body()).isEqualTo(201);
        var p2 = api.postJson("/api/v1/projects", "{\"organization_id\":\"" + org.id() + "\",\"name\":\"Two\"}", org.owner().token());
        ErrorResponsesTest.assertProblem(p2, 403, "feature_limit_reached");
        assertThat(p2.json().path("current_usage").asLong()).isEqualTo(1);
        String first = p1.json().at("/data/id").asText();
        assertThat(tenants.delete("/api/v1/projects/" + first, org.owner().token()).status()).isEqualTo(204);
        var p3 = api.postJson("/api/v1/projects", "{\"organization_id\":\"" + org.id() + "\",\"name\":\"Three\"}", org.owner().token());
        assertThat(p3.status()).as("the deleted project gave its slot back").isEqualTo(201);
        ErrorResponsesTest.assertProblem(api.postJson("/api/v1/projects/" + first + "/restore", "{}", org.owner().token()), 403,
                "feature_limit_reached");

        override(org, "api_keys", "{\"limit\":1}");
        String keyBody = "{\"organization_id\":\"" + org.id() + "\",\"name\":\"k\",\"scopes\":[\"projects:read\"]}";
        var k1 = api.postJson("/api/v1/api-keys", keyBody, org.owner().token());
        assertThat(k1.status()).as(k1.body()).isEqualTo(201);
        ErrorResponsesTest.assertProblem(api.postJson("/api/v1/api-keys", keyBody, org.owner().token()), 403, "feature_limit_reached");
        assertThat(tenants.delete("/api/v1/api-keys/" + k1.json().at("/data/id").asText(), org.owner().token()).status()).isEqualTo(204);
        assertThat(api.postJson("/api/v1/api-keys", keyBody, org.owner().token()).status()).isEqualTo(201);
    }
}
