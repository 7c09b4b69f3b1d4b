package dev.gatehouse.bootstrap;

import dev.gatehouse.core.testing.NodeTools;
import dev.gatehouse.core.tokens.Jose;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client generated from the served {@code /api/openapi.json} works: openapi-typescript turns the
 * document into types, tsc type-checks {@code journey.ts} against them (a request or answer that does not
 * fit the document fails here), and the compiled journey runs through openapi-fetch against the server
 * on the embedded default: organization, project, key, verify, token exchange, webhook, usage, access
 * request, and a problem answer. The npm tools are pinned by {@code src/test/node-client/package-lock.json}
 * ({@code npm ci} on first use); Node.js 20+ is required, and the test fails saying so without it.
 */
class GeneratedClientTest {
    private static final Path DIR = Path.of("src", "test", "node-client");

    @Test
    void aTypeScriptClientGeneratedFromTheDocumentRunsTheJourney() throws Exception {
        ServerConfig config = new ServerConfig(Optional.empty(), 0)
                .withWebhooks(new ServerConfig.Webhooks(false, 1, true, "127.0.0.0/8,::1/128"));
        EmbeddedServer server = GatehouseServer.start(config, Map.of("gatehouse.admin.email", "root@example.com",
                "gatehouse.admin.password", "a long admin password"));
        try {
            String base = server.getURL().toString();
            String node = NodeTools.executable("node", "generates a TypeScript client with openapi-typescript and runs it");
            if (!Files.isDirectory(DIR.resolve("node_modules").resolve("openapi-fetch"))) {
                NodeTools.run(DIR, List.of(NodeTools.executable("npm", "installs the pinned client tools"), "ci",
                        "--no-audit", "--no-fund"), 300);
            }
            Path generated = Files.createDirectories(DIR.resolve("generated"));
            HttpResponse<String> document = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(base + "/api/openapi.json")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(document.statusCode()).isEqualTo(200);
            Files.writeString(generated.resolve("openapi.json"), document.body());

            NodeTools.run(DIR, List.of(node, "node_modules/openapi-typescript/bin/cli.js", "generated/openapi.json",
                    "-o", "generated/api.d.ts", "--default-non-nullable", "false"), 180);
            NodeTools.run(DIR, List.of(node, "node_modules/typescript/bin/tsc", "-p", "tsconfig.json"), 240);
            String out = NodeTools.run(DIR, List.of(node, "build/journey.js", base, "root@example.com", "a long admin password",
                    "http://127.0.0.1:9/hooks"), 120);

            Map<String, Object> seen = Jose.parseObject(out.strip().lines().reduce((a, b) -> b).orElseThrow());
            assertThat((String) seen.get("organization")).startsWith("org_");
            assertThat((String) seen.get("project")).startsWith("prj_");
            assertThat(seen.get("environments")).isEqualTo(List.of("production", "staging", "development"));
            assertThat(seen.get("key_status")).isEqualTo("active");
            assertThat(seen.get("verify")).isEqualTo(Map.of("valid", true, "code", "VALID"));
            assertThat(seen.get("token_type")).isEqualTo("Bearer");
            assertThat(((Number) seen.get("access_token_segments")).intValue()).isEqualTo(3);
            assertThat(seen.get("webhook_secret_prefix")).isEqualTo("whsec_");
            assertThat(seen.get("webhook_active")).isEqualTo(true);
            @SuppressWarnings("unchecked")
            Map<String, Object> usage = (Map<String, Object>) seen.get("usage");
            assertThat(usage.get("recorded")).isEqualTo(true);
            assertThat(((Number) usage.get("current_usage")).longValue()).isEqualTo(5);
            assertThat(seen.get("access_request")).isEqualTo("approved");
            @SuppressWarnings("unchecked")
            Map<String, Object> problem = (Map<String, Object>) seen.get("problem");
            assertThat(((Number) problem.get("status")).intValue()).isEqualTo(422);
            assertThat(problem.get("error")).isEqualTo("validation_failed");
        } finally {
            server.getApplicationContext().close();
        }
    }
}
