package dev.gatehouse.bootstrap;

import dev.gatehouse.core.testing.NodeTools;
import dev.gatehouse.core.tokens.AccessTokenVerifier;
import dev.gatehouse.core.tokens.Jose;
import dev.gatehouse.postgres.testing.TestPostgres;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.gatehouse.bootstrap.RunningServer.expect;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The access-token exchange end to end: a project API key is exchanged for a JWT, which an
 * independent JOSE implementation (the npm package {@code jose}, pinned in
 * {@code src/test/node/package-lock.json}, run with the machine's Node.js) verifies against the
 * server's {@code /api/v1/projects/{id}/jwks.json}; after a rotation the retired key's token still
 * verifies and new tokens carry the new kid. Node.js is required: without it this test fails.
 */
class JoseVerificationTest {
    private static final Path NODE_DIR = Path.of("src", "test", "node");
    private static final String ISSUER = "https://gatehouse.example.test";

    @RegisterExtension
    static final TestPostgres POSTGRES = new TestPostgres();

    private static ServerConfig config(String store) {
        return TestServers.config(store, POSTGRES);
    }

    @OnEveryStore
    void joseVerifiesExchangedTokensAgainstTheJwksUrlAcrossARotation(String store) throws Exception {
        try (var server = RunningServer.start(config(store), Map.of("gatehouse.tokens.issuer", ISSUER,
                "gatehouse.master-key", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="))) {
            Http http = server.http();
            String root = server.loginAdmin();
            String orgId = server.createOrganization(root, "Acme");
            String projectId = server.createProject(root, orgId, "Web");
            var key = http.post("/api/v1/projects/" + projectId + "/api-keys",
                    "{\"name\":\"svc\",\"environment\":\"production\",\"scopes\":[\"projects:read\",\"api-keys:read\"]}", root);
            expect(key, 201);
            String apiKey = Http.field(key.body(), "key");
            String apiKeyId = Http.field(key.body(), "id");
            String envId = Http.field(key.body(), "environment_id");

            var exchanged = http.post("/api/v1/auth/token", "{\"expires_in\":600}", apiKey);
            expect(exchanged, 201);
            assertThat(exchanged.headers().firstValue("Cache-Control")).contains("no-store");
            assertThat(Http.field(exchanged.body(), "token_type")).isEqualTo("Bearer");
            assertThat(exchanged.body()).contains("\"expires_in\":600");
            String first = Http.field(exchanged.body(), "access_token");
            Map<String, Object> firstHeader = Jose.parseObject(new String(Jose.unb64(first.split("\\.")[0]), StandardCharsets.UTF_8));
            assertThat(firstHeader).containsEntry("alg", "EdDSA").containsEntry("typ", "JWT");

            String jwksUrl = server.url() + "/api/v1/projects/" + projectId + "/jwks.json";
            var jwks = http.get("/api/v1/projects/" + projectId + "/jwks.json", null);
            expect(jwks, 200);
            assertThat(jwks.headers().firstValue("Cache-Control")).contains("public, max-age=300");
            assertThat(jwks.body()).contains("\"kid\":\"" + firstHeader.get("kid") + "\"").contains("\"use\":\"sig\"")
                    .contains("\"kty\":\"OKP\"").contains("\"crv\":\"Ed25519\"").doesNotContain("\"d\"");

            List<Map<String, Object>> verified = jose(jwksUrl, first);
            assertThat(verified.get(0)).as(verified.toString()).containsEntry("ok", true);
            @SuppressWarnings("unchecked")
            Map<String, Object> payload = (Map<String, Object>) verified.get(0).get("payload");
            assertThat(payload).containsEntry("iss", ISSUER).containsEntry("sub", apiKeyId).containsEntry("org", orgId)
                    .containsEntry("project", projectId).containsEntry("env", envId)
                    .containsEntry("scope", "api-keys:read projects:read").containsKey("jti");
            assertThat(((Number) payload.get("exp")).longValue() - ((Number) payload.get("iat")).longValue()).isEqualTo(600);
            @SuppressWarnings("unchecked")
            Map<String, Object> header = (Map<String, Object>) verified.get(0).get("header");
            assertThat(header).containsEntry("kid", firstHeader.get("kid")).containsEntry("alg", "EdDSA");

            // rotate to ES256: the old token still verifies (retired key stays published), the new one carries the new kid
            var rotated = http.post("/api/v1/projects/" + projectId + "/signing-keys/rotate", "{\"algorithm\":\"ES256\"}", root);
            expect(rotated, 201);
            String newKid = Http.field(rotated.body(), "kid");
            assertThat(newKid).isNotEqualTo(firstHeader.get("kid")).startsWith("sgk_");
            assertThat(Http.field(rotated.body(), "status")).isEqualTo("active");
            var second = http.post("/api/v1/auth/token", "", apiKey);
            expect(second, 201);
            String secondToken = Http.field(second.body(), "access_token");
            assertThat(second.body()).contains("\"expires_in\":900");
            String tampered = first.split("\\.")[0] + "." + Jose.b64(("{\"sub\":\"" + apiKeyId + "\",\"scope\":\"projects:delete\","
                    + "\"iss\":\"" + ISSUER + "\",\"exp\":9999999999}").getBytes(StandardCharsets.UTF_8)) + "." + first.split("\\.")[2];
            List<Map<String, Object>> afterRotation = jose(jwksUrl, first, secondToken, tampered);
            assertThat(afterRotation.get(0)).as(afterRotation.toString()).containsEntry("ok", true);
            assertThat(afterRotation.get(1)).as(afterRotation.toString()).containsEntry("ok", true);
            assertThat(afterRotation.get(2)).as(afterRotation.toString()).containsEntry("ok", false);
            @SuppressWarnings("unchecked")
            Map<String, Object> secondHeader = (Map<String, Object>) afterRotation.get(1).get("header");
            assertThat(secondHeader).containsEntry("kid", newKid).containsEntry("alg", "ES256");

            // our own verifier agrees, over the same JWKS document
            String jwksNow = http.get("/api/v1/projects/" + projectId + "/jwks.json", null).body();
            AccessTokenVerifier ours = AccessTokenVerifier.fromJwks(jwksNow, Clock.systemUTC()).requiringIssuer(ISSUER);
            assertThat(ours.verify(first).valid()).isTrue();
            assertThat(ours.verify(secondToken).valid()).isTrue();
            assertThat(ours.verify(tampered).valid()).isFalse();
            String none = Jose.b64(("{\"alg\":\"none\",\"kid\":\"" + newKid + "\"}").getBytes(StandardCharsets.UTF_8)) + "."
                    + first.split("\\.")[1] + ".";
            assertThat(((AccessTokenVerifier.Rejected) ours.verify(none)).reason()).isEqualTo(AccessTokenVerifier.Reason.UNSUPPORTED_ALGORITHM);

            var listed = http.get("/api/v1/projects/" + projectId + "/signing-keys", root);
            expect(listed, 200);
            assertThat(listed.body()).contains("\"status\":\"retired\"").contains("\"status\":\"active\"")
                    .contains("\"verifies_until\"").doesNotContain("private").doesNotContain("\"d\"");

            // the audit trail names the issue, never the token
            var audit = http.get("/api/v1/audit-events?action=api_key.token_issued", root);
            expect(audit, 200);
            assertThat(audit.body()).contains("api_key.token_issued").doesNotContain(first).doesNotContain(secondToken.split("\\.")[2]);
        }
    }

    /** Runs verify.mjs with jose on the tokens; one parsed JSON line per token. */
    static List<Map<String, Object>> jose(String jwksUrl, String... tokens) throws Exception {
        String node = executable("node");
        NodeTools.install(NODE_DIR, "jose", "verifies tokens with the npm package jose");
        List<String> command = new ArrayList<>(List.of(node, "verify.mjs", jwksUrl, ISSUER));
        command.addAll(List.of(tokens));
        String out = run(command, 60);
        List<Map<String, Object>> lines = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                lines.add(Jose.parseObject(line.strip()));
            }
        }
        assertThat(lines).as(out).hasSize(tokens.length);
        return lines;
    }

    private static String executable(String name) {
        return NodeTools.executable(name, "verifies tokens with the npm package jose");
    }

    private static String run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        return NodeTools.run(NODE_DIR, command, timeoutSeconds);
    }
}
