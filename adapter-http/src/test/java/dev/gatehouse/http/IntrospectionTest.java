package dev.gatehouse.http;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /api/v1/auth/introspect} (ADR 18, RFC 7662): an issued access token is active while its
 * key and everything above it live, inactive at once after a revocation, and inactive for a caller who
 * may not see it; a forged or garbled token is inactive, never an error.
 */
@MicronautTest
class IntrospectionTest extends ApiTestBase {
    String owner;
    String viewer;
    String outsider;
    String project;
    String outsiderKey;

    @BeforeAll
    void setUp() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        owner = api.userToken(gatehouse, "intro-owner-" + tag + "@example.com", false);
        viewer = api.userToken(gatehouse, "intro-viewer-" + tag + "@example.com", false);
        outsider = api.userToken(gatehouse, "intro-outsider-" + tag + "@example.com", false);
        String org = api.postJson("/api/v1/organizations", "{\"name\":\"Intro " + tag + "\"}", owner).json().at("/data/id").asText();
        String viewerId = api.get("/api/v1/me", viewer).json().at("/data/id").asText();
        assertThat(api.postJson("/api/v1/organizations/" + org + "/members", "{\"user_id\":\"" + viewerId
                + "\",\"role\":\"viewer\"}", owner).status()).isEqualTo(201);
        project = api.postJson("/api/v1/projects", "{\"organization_id\":\"" + org + "\",\"name\":\"Web\"}", owner)
                .json().at("/data/id").asText();
        String other = api.postJson("/api/v1/organizations", "{\"name\":\"Other " + tag + "\"}", outsider).json().at("/data/id").asText();
        var key = api.postJson("/api/v1/api-keys", "{\"organization_id\":\"" + other + "\",\"name\":\"o\",\"scopes\":"
                + "[\"api-keys:verify\"]}", outsider);
        assertThat(key.status()).as(key.body()).isEqualTo(201);
        outsiderKey = key.json().at("/data/key").asText();
    }

    private Api.Response introspect(String token, String caller) {
        return api.postJson("/api/v1/auth/introspect", "{\"token\":\"" + token + "\"}", caller);
    }

    @Test
    void activeWhileTheKeyLivesInactiveAtOnceAfterItsRevocation() {
        var issued = api.postJson("/api/v1/projects/" + project + "/api-keys",
                "{\"name\":\"svc\",\"environment\":\"development\",\"scopes\":[\"projects:read\",\"api-keys:verify\"]}", owner);
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        String key = issued.json().at("/data/key").asText();
        String keyId = issued.json().at("/data/id").asText();
        var exchanged = api.postJson("/api/v1/auth/token", "{}", key);
        assertThat(exchanged.status()).as(exchanged.body()).isEqualTo(201);
        String token = exchanged.json().at("/data/access_token").asText();

        var active = introspect(token, owner);
        assertThat(active.status()).isEqualTo(200);
        assertThat(active.header("Cache-Control")).isEqualTo("no-store");
        assertThat(active.json().path("active").asBoolean()).as(active.body()).isTrue();
        assertThat(active.json().path("sub").asText()).isEqualTo(keyId);
        assertThat(active.json().path("project").asText()).isEqualTo(project);
        assertThat(active.json().path("scope").asText()).isEqualTo("api-keys:verify projects:read");
        // the key itself (api-keys:verify, its own environment) may ask about its token
        assertThat(introspect(token, key).json().path("active").asBoolean()).isTrue();
        // a viewer may not verify keys, another organization's key may not see it: inactive, not an error
        assertThat(introspect(token, viewer).body()).isEqualTo("{\"active\":false}");
        assertThat(introspect(token, outsiderKey).body()).isEqualTo("{\"active\":false}");
        assertThat(introspect(token, outsider).body()).isEqualTo("{\"active\":false}");

        assertThat(api.delete("/api/v1/api-keys/" + keyId, owner).status()).isEqualTo(204);
        assertThat(introspect(token, owner).body()).isEqualTo("{\"active\":false}");
    }

    @Test
    void garbledOrForgedTokensAreInactiveAndAMissingTokenIs422() {
        for (String token : new String[]{"x", "a.b.c", "eyJhbGciOiJub25lIn0.eyJwcm9qZWN0IjoicHJqXzAxIn0.", "..", "ey.ey.ey"}) {
            var r = introspect(token, owner);
            assertThat(r.status()).as(token).isEqualTo(200);
            assertThat(r.body()).as(token).isEqualTo("{\"active\":false}");
        }
        var missing = api.postJson("/api/v1/auth/introspect", "{}", owner);
        assertThat(missing.status()).as(missing.body()).isEqualTo(422);
        assertThat(api.postJson("/api/v1/auth/introspect", "{\"token\":\"x\"}", null).status()).isEqualTo(401);
    }
}
