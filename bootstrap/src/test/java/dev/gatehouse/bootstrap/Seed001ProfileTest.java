package dev.gatehouse.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.postgres.testing.TestPostgres;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static dev.gatehouse.bootstrap.SeedClient.hasFields;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seed 001 ("API Endpoints Reference", base {@code /api/v1}) walked as its client would, on the embedded
 * default and on PostgreSQL (ADR 32): workspaces, API keys, webhooks, entitlements; every documented
 * example body, the documented status codes and errors ({@code error} + {@code message}),
 * {@code X-Workspace-ID}, {@code fields=} and {@code include=}, the seeds' scope names. SEO, pixel and MCP
 * are out of scope.
 */
class Seed001ProfileTest {
    @RegisterExtension
    static final TestPostgres POSTGRES = new TestPostgres();
    private static final String WHSEC = "whsec_MDEyMzQ1Njc4OWFiY2RlZmdoaWprbG1ub3BxcnN0dXY=";

    private static ServerConfig config(String store) {
        ServerConfig.Webhooks loopback = new ServerConfig.Webhooks(true, 4, true, "127.0.0.0/8,::1/128");
        return TestServers.config(store, POSTGRES).withWebhooks(loopback);
    }

    @OnEveryStore
    void walksTheDocument(String store) throws Exception {
        EmbeddedServer server = GatehouseServer.start(config(store),
                Map.of("gatehouse.admin.email", "root@example.com", "gatehouse.admin.password", "a long admin password"));
        try (WebhookReceiver receiver = new WebhookReceiver(4)) {
            SeedClient c = new SeedClient(server.getURL().toString());
            String root = c.login("root@example.com", "a long admin password");
            String owner = c.user(root, "owner@example.com");

            // --- Workspaces ---
            // Create Workspace: the documented body (tier pro is a plan change: a platform admin's)
            var created = c.expect(201, "POST", "/api/v1/workspaces", "{\"name\":\"New Workspace\",\"slug\":\"new-workspace\","
                    + "\"tier\":\"pro\"}", root);
            assertThat(created.json().path("message").asText()).isEqualTo("Workspace created successfully.");
            hasFields(created.data(), "id", "name", "slug", "tier", "created_at");
            assertThat(created.data().path("tier").asText()).isEqualTo("pro");
            assertThat(created.data().path("slug").asText()).isEqualTo("new-workspace");
            String proWorkspace = created.data().path("id").asText();
            assertThat(c.expect(200, "GET", "/api/v1/workspaces/" + proWorkspace, null, root).data().path("tier").asText())
                    .as("the tier is stored").isEqualTo("pro");
            // a member creating one on a paid tier: 422 naming tier, not silently free
            var paid = c.error(422, "validation_failed", "POST", "/api/v1/workspaces", "{\"name\":\"Paid\",\"tier\":\"pro\"}", owner);
            assertThat(paid.json().at("/errors/tier")).isNotEmpty();
            c.error(422, "validation_failed", "POST", "/api/v1/workspaces", "{\"name\":\"Odd\",\"tier\":\"platinum\"}", owner);
            var noName = c.error(422, "validation_failed", "POST", "/api/v1/workspaces", "{\"slug\":\"no-name\"}", owner);
            assertThat(noName.json().at("/errors/name")).isNotEmpty();
            var acme = c.expect(201, "POST", "/api/v1/workspaces", "{\"name\":\"Acme Corporation\",\"slug\":\"acme-corp\"}", owner);
            String ws = acme.data().path("id").asText();
            assertThat(acme.data().path("tier").asText()).as("default: free").isEqualTo("free");

            // List Workspaces, paginated
            var list = c.expect(200, "GET", "/api/v1/workspaces?page=1&per_page=25", null, owner);
            assertThat(list.data()).hasSize(1);
            hasFields(list.data().get(0), "id", "name", "slug", "tier", "created_at", "updated_at");
            hasFields(list.json().path("meta"), "current_page", "from", "last_page", "per_page", "to", "total");
            hasFields(list.json().path("links"), "first", "last", "prev", "next");
            // Get Workspace, with settings; 404 not_found
            var got = c.expect(200, "GET", "/api/v1/workspaces/" + ws, null, owner);
            hasFields(got.data(), "id", "name", "slug", "tier", "settings", "created_at", "updated_at");
            hasFields(got.data().path("settings"), "timezone", "locale");
            c.error(404, "not_found", "GET", "/api/v1/workspaces/" + proWorkspace, null, owner);
            c.error(404, "not_found", "GET", "/api/v1/workspaces/12345", null, owner);
            // Update Workspace: the documented body
            var updated = c.expect(200, "PATCH", "/api/v1/workspaces/" + ws,
                    "{\"name\":\"Updated Name\",\"settings\":{\"timezone\":\"Europe/London\"}}", owner);
            assertThat(updated.data().path("name").asText()).isEqualTo("Updated Name");
            assertThat(updated.data().at("/settings/timezone").asText()).isEqualTo("Europe/London");

            // --- API keys ---
            // Create API Key: the documented body names scopes Gatehouse does not have: 422 naming them
            var unknownScopes = c.error(422, "validation_failed", "POST", "/api/v1/api-keys", "{\"name\":\"Mobile App Key\","
                    + "\"scopes\":[\"posts:read\",\"users:read\"],\"rate_limit_tier\":\"pro\",\"expires_at\":\"2099-01-01T00:00:00Z\"}",
                    owner, Map.of("X-Workspace-ID", ws));
            assertThat(unknownScopes.json().at("/errors/scopes").toString()).contains("posts:read");
            // the same with the seed's own scope names; X-Workspace-ID names the workspace
            String scopes = "[\"workspaces:read\",\"api-keys:read\",\"api-keys:write\",\"api-keys:delete\",\"webhooks:read\","
                    + "\"webhooks:write\",\"webhooks:delete\",\"entitlements:read\",\"entitlements:write\"]";
            var key = c.expect(201, "POST", "/api/v1/api-keys", "{\"name\":\"Mobile App Key\",\"scopes\":" + scopes
                    + ",\"rate_limit_tier\":\"pro\",\"expires_at\":\"2099-01-01T00:00:00Z\"}", owner, Map.of("X-Workspace-ID", ws));
            assertThat(key.json().path("message").asText()).isEqualTo("API key created successfully.");
            hasFields(key.data(), "id", "name", "key", "scopes", "rate_limit_tier", "expires_at", "created_at");
            assertThat(key.data().path("key").asText()).startsWith("sk_live_");
            assertThat(key.data().path("rate_limit_tier").asText()).isEqualTo("pro");
            assertThat(key.data().path("organization_id").asText()).isEqualTo(ws);
            assertThat(key.data().path("scopes").toString()).contains("organizations:read", "api-keys:write", "usage:write")
                    .doesNotContain("api-keys:delete", "workspaces:read", "entitlements:write");
            String sk = key.data().path("key").asText();
            String keyId = key.data().path("id").asText();
            // without a name: 422
            c.error(422, "validation_failed", "POST", "/api/v1/api-keys", "{\"scopes\":[\"api-keys:read\"]}", sk);
            // the key reads its workspace (workspaces:read) but not another's
            c.expect(200, "GET", "/api/v1/workspaces/" + ws, null, sk);
            c.error(404, "not_found", "GET", "/api/v1/workspaces/" + proWorkspace, null, sk);
            // another key, created with the first (a Bearer sk_live_ key, as the seed's clients do)
            var second = c.expect(201, "POST", "/api/v1/api-keys", "{\"name\":\"Second\",\"scopes\":[\"api-keys:read\"]}", sk);
            String secondId = second.data().path("id").asText();
            // another workspace named only by X-Workspace-ID is not found, whatever the key lacks (ADR 17); its own is 403
            // naming the scope
            String secondKey = second.data().path("key").asText();
            Map<String, String> elsewhere = Map.of("X-Workspace-ID", proWorkspace);
            c.error(404, "not_found", "GET", "/api/v1/webhooks", null, secondKey, elsewhere);
            c.error(404, "not_found", "POST", "/api/v1/api-keys", "{\"name\":\"Stolen\"}", secondKey, elsewhere);
            c.error(404, "not_found", "GET", "/api/v1/entitlements/summary", null, secondKey, elsewhere);
            c.error(404, "not_found", "GET", "/api/v1/webhooks", null, sk, elsewhere);
            c.error(404, "not_found", "POST", "/api/v1/api-keys", "{\"name\":\"Stolen\"}", sk, elsewhere);
            assertThat(c.error(403, "access_denied", "GET", "/api/v1/webhooks", null, secondKey, Map.of("X-Workspace-ID", ws))
                    .json().path("required_scope").asText()).isEqualTo("webhooks:read");

            // List API Keys: never the key
            var keys = c.expect(200, "GET", "/api/v1/api-keys", null, sk);
            assertThat(keys.data()).hasSize(2);
            for (JsonNode k : keys.data()) {
                hasFields(k, "id", "name", "prefix", "scopes", "rate_limit_tier", "last_used_at", "expires_at", "created_at");
                assertThat(k.has("key")).isFalse();
            }
            // fields= selects; an unknown field and include= answer 400 naming them
            var narrow = c.expect(200, "GET", "/api/v1/api-keys?fields=id,name,created_at", null, sk);
            assertThat(narrow.data().get(0).size()).isEqualTo(3);
            hasFields(narrow.data().get(0), "id", "name", "created_at");
            assertThat(narrow.json().has("meta")).isTrue();
            var badField = c.error(400, "unsupported_parameter", "GET", "/api/v1/api-keys?fields=id,owner", null, sk);
            assertThat(badField.json().at("/errors/fields").toString()).contains("owner");
            var include = c.error(400, "unsupported_parameter", "GET", "/api/v1/api-keys?include=owner,tags", null, sk);
            assertThat(include.json().at("/errors/include").toString()).contains("owner", "tags");
            assertThat(c.expect(200, "GET", "/api/v1/workspaces/" + ws + "?fields=id,tier", null, sk).data().size()).isEqualTo(2);

            // Get API Key
            var one = c.expect(200, "GET", "/api/v1/api-keys/" + keyId, null, sk);
            hasFields(one.data(), "id", "name", "prefix", "scopes", "rate_limit_tier", "last_used_at", "expires_at", "created_at");
            assertThat(one.data().has("key")).isFalse();
            c.error(404, "not_found", "GET", "/api/v1/api-keys/1", null, sk);

            // Rotate API Key: 200, the new key once, grace_period_ends_at
            var rotated = c.expect(200, "POST", "/api/v1/api-keys/" + secondId + "/rotate", "{\"grace_period_hours\":24}", sk);
            assertThat(rotated.json().path("message").asText()).isEqualTo("API key rotated successfully.");
            hasFields(rotated.data(), "id", "name", "key", "scopes", "grace_period_ends_at");
            assertThat(rotated.data().path("key").asText()).startsWith("sk_live_");
            assertThat(rotated.data().path("name").asText()).isEqualTo("Second");
            assertThat(rotated.data().path("grace_period_ends_at").asText())
                    .isEqualTo(rotated.data().at("/previous/rotation_ends_at").asText());
            String rotatedId = rotated.data().path("id").asText();
            assertThat(rotatedId).isNotEqualTo(secondId);

            // Revoke API Key: 204 (the seed's api-keys:delete is api-keys:write)
            assertThat(c.send("DELETE", "/api/v1/api-keys/" + rotatedId, null, sk).status()).isEqualTo(204);
            var revoked = c.expect(200, "GET", "/api/v1/api-keys/" + rotatedId, null, sk);
            assertThat(revoked.data().path("status").asText()).isEqualTo("revoked");
            // a key without the scope: 403 access_denied naming it
            var readOnly = c.expect(201, "POST", "/api/v1/api-keys", "{\"name\":\"Reader\",\"scopes\":[\"api-keys:read\"]}", sk)
                    .data().path("key").asText();
            var denied = c.error(403, "access_denied", "DELETE", "/api/v1/api-keys/" + keyId, null, readOnly);
            assertThat(denied.json().path("required_scope").asText()).isEqualTo("api-keys:write");
            // Unauthorized: 401
            c.error(401, "unauthorized", "GET", "/api/v1/api-keys", null, "sk_live_abc123def456");
            c.error(401, "unauthorized", "GET", "/api/v1/api-keys", null, null);

            // --- Webhooks ---
            String url = receiver.url("/webhooks");
            // the documented body's secret is an elided example: 422 naming secret
            c.error(422, "validation_failed", "POST", "/api/v1/webhooks", "{\"url\":\"" + url + "\",\"events\":[\"post.created\","
                    + "\"post.updated\",\"post.deleted\"],\"secret\":\"whsec_abc123def456...\"}", sk);
            var hook = c.expect(201, "POST", "/api/v1/webhooks", "{\"url\":\"" + url + "\",\"events\":[\"post.created\","
                    + "\"post.updated\",\"post.deleted\"],\"secret\":\"" + WHSEC + "\"}", sk);
            assertThat(hook.json().path("message").asText()).isEqualTo("Webhook endpoint created successfully.");
            hasFields(hook.data(), "id", "url", "events", "secret", "is_active", "created_at");
            assertThat(hook.data().path("secret").asText()).isEqualTo(WHSEC);
            String hookId = hook.data().path("id").asText();
            c.error(422, "validation_failed", "POST", "/api/v1/webhooks", "{\"url\":\"" + url + "\"}", sk);
            // List and Get
            var hooks = c.expect(200, "GET", "/api/v1/webhooks", null, sk);
            hasFields(hooks.data().get(0), "id", "url", "events", "is_active", "success_count", "failure_count", "last_delivery_at",
                    "created_at");
            assertThat(hooks.data().get(0).has("secret")).isFalse();
            var getHook = c.expect(200, "GET", "/api/v1/webhooks/" + hookId, null, sk);
            hasFields(getHook.data(), "id", "url", "events", "is_active", "success_count", "failure_count", "consecutive_failures",
                    "last_delivery_at", "created_at");
            // Update: the documented body
            var patched = c.expect(200, "PATCH", "/api/v1/webhooks/" + hookId, "{\"url\":\"" + url + "\",\"events\":[\"post.*\"],"
                    + "\"is_active\":true}", sk);
            assertThat(patched.data().path("events").toString()).isEqualTo("[\"post.*\"]");
            // Test: the outcome unwrapped, as documented (and in data)
            var test = c.expect(200, "POST", "/api/v1/webhooks/" + hookId + "/test", null, sk);
            assertThat(test.json().path("success").asBoolean()).as(test.body()).isTrue();
            assertThat(test.json().path("status_code").asInt()).isEqualTo(200);
            hasFields(test.json(), "success", "status_code", "response_time_ms", "response_body");
            assertThat(test.data().path("success").asBoolean()).isTrue();
            // Deliveries: attempt, status filter
            var deliveries = c.expect(200, "GET", "/api/v1/webhooks/" + hookId + "/deliveries?status=success&page=1&per_page=25",
                    null, sk);
            assertThat(deliveries.data()).isNotEmpty();
            JsonNode delivery = deliveries.data().get(0);
            hasFields(delivery, "id", "event_id", "event_type", "status", "response_code", "attempt", "delivered_at", "created_at");
            assertThat(delivery.path("attempt").asInt()).isEqualTo(1);
            hasFields(deliveries.json(), "meta", "links");
            // Retry: a delivery that succeeded cannot be retried: 400 cannot_retry
            c.error(400, "cannot_retry", "POST", "/api/v1/webhooks/" + hookId + "/deliveries/" + delivery.path("id").asText()
                    + "/retry", null, sk);
            c.error(404, "not_found", "POST", "/api/v1/webhooks/" + hookId + "/deliveries/dlv_nope/retry", null, sk);
            // Delete: 204
            assertThat(c.send("DELETE", "/api/v1/webhooks/" + hookId, null, sk).status()).isEqualTo(204);
            c.error(404, "not_found", "GET", "/api/v1/webhooks/" + hookId, null, sk);

            // --- Entitlements ---
            // Check Feature Access: unwrapped as documented (the envelope's data too)
            var check = c.expect(200, "GET", "/api/v1/entitlements/check?feature=posts", null, sk);
            assertThat(check.json().path("allowed").asBoolean()).isTrue();
            assertThat(check.json().path("feature").asText()).isEqualTo("posts");
            hasFields(check.json(), "allowed", "feature", "current_usage", "limit", "available");
            assertThat(check.json().path("limit").asLong()).isEqualTo(100);
            assertThat(check.data().path("allowed").asBoolean()).isTrue();
            var exceeded = c.expect(200, "GET", "/api/v1/entitlements/check?feature=posts&quantity=101", null, sk);
            assertThat(exceeded.json().path("allowed").asBoolean()).isFalse();
            assertThat(exceeded.json().path("reason").asText()).isEqualTo("LIMIT_EXCEEDED");
            hasFields(exceeded.json(), "message", "current_usage", "limit", "available");
            c.error(422, "validation_failed", "GET", "/api/v1/entitlements/check", null, sk);
            // Record Usage: the documented body, with the seed's entitlements:write scope
            var usage = c.expect(200, "POST", "/api/v1/entitlements/usage", "{\"feature\":\"api_calls\",\"quantity\":1,"
                    + "\"metadata\":{\"endpoint\":\"/api/v1/posts\"}}", sk);
            assertThat(usage.json().path("recorded").asBoolean()).isTrue();
            assertThat(usage.json().path("feature").asText()).isEqualTo("api_calls");
            assertThat(usage.json().path("current_usage").asLong()).isEqualTo(1);
            assertThat(usage.json().path("limit").asLong()).isEqualTo(10000);
            // Feature Limit Reached: 403 with feature
            var limit = c.error(403, "feature_limit_reached", "POST", "/api/v1/entitlements/usage",
                    "{\"feature\":\"posts\",\"quantity\":101}", sk);
            assertThat(limit.json().path("feature").asText()).isEqualTo("posts");
            // Get Usage Summary
            var summary = c.expect(200, "GET", "/api/v1/entitlements/summary", null, sk);
            assertThat(summary.data().path("workspace_id").asText()).isEqualTo(ws);
            assertThat(summary.data().path("tier").asText()).isEqualTo("free");
            hasFields(summary.data().at("/entitlements/api_calls"), "used", "limit", "available", "percentage", "reset_at");
            assertThat(summary.data().at("/entitlements/api_calls/used").asLong()).isEqualTo(1);
            // a user session names the workspace with X-Workspace-ID
            assertThat(c.expect(200, "GET", "/api/v1/entitlements/summary", null, owner, Map.of("X-Workspace-ID", ws))
                    .data().path("workspace_id").asText()).isEqualTo(ws);

            // Response headers: rate limits and the request id
            var headers = c.send("GET", "/api/v1/api-keys", null, sk).raw().headers();
            for (String h : new String[]{"X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset", "X-Request-ID"}) {
                assertThat(headers.firstValue(h)).as(h).isPresent();
            }

            // Delete Workspace: workspaces:delete (organizations:delete), 204
            c.error(403, "access_denied", "DELETE", "/api/v1/workspaces/" + ws, null, sk);
            assertThat(c.send("DELETE", "/api/v1/workspaces/" + ws, null, owner).status()).isEqualTo(204);
            c.error(404, "not_found", "GET", "/api/v1/workspaces/" + ws, null, owner);
        } finally {
            server.close();
        }
    }
}
