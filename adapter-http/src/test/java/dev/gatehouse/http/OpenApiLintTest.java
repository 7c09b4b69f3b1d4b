package dev.gatehouse.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.core.testing.NodeTools;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The served OpenAPI document passes {@code redocly lint} with the recommended rules as configured in
 * {@code src/test/node-openapi/redocly.yaml} (stricter where it says so): zero errors, examples
 * validated against their schemas. Redocly CLI is the version pinned by that directory's
 * {@code package-lock.json}, installed with {@code npm ci} on first use; Node.js 20.19+ and npm are
 * required (like the project's other checks by independent implementations), and the test fails
 * saying so without them.
 */
@MicronautTest
class OpenApiLintTest {
    static final Path DIR = Path.of("src", "test", "node-openapi");

    @Inject
    EmbeddedServer server;

    @Test
    void theServedDocumentHasNoRedoclyErrors() throws Exception {
        Api.Response served = new Api(server.getURL()).get("/api/openapi.json");
        assertThat(served.status()).isEqualTo(200);
        Path document = Files.createTempFile("gatehouse-openapi", ".json");
        try {
            Files.writeString(document, served.body());
            JsonNode report = Api.JSON.readTree(lint(document));
            List<String> errors = new ArrayList<>();
            for (JsonNode problem : report.path("problems")) {
                if (problem.path("severity").asText().equals("error")) {
                    errors.add(problem.path("ruleId").asText() + ": " + problem.path("message").asText() + " at "
                            + problem.path("location").path(0).path("pointer").asText());
                }
            }
            assertThat(errors).as("redocly lint errors").isEmpty();
            assertThat(report.path("totals").path("errors").asInt(-1)).isZero();
        } finally {
            Files.deleteIfExists(document);
        }
    }

    /** Runs the pinned Redocly CLI on the file; its JSON report. */
    static String lint(Path document) throws IOException, InterruptedException {
        String node = executable("node");
        if (!Files.isDirectory(DIR.resolve("node_modules").resolve("@redocly").resolve("cli"))) {
            run(List.of(executable("npm"), "ci", "--no-audit", "--no-fund"), 300, false);
        }
        return run(List.of(node, Path.of("node_modules", "@redocly", "cli", "bin", "cli.js").toString(), "lint",
                document.toAbsolutePath().toString(), "--config", "redocly.yaml", "--format", "json",
                "--max-problems", "10000"), 180, true);
    }

    private static String run(List<String> command, int timeoutSeconds, boolean exitCodeMayBeOne)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile("gatehouse-redocly", ".out");
        Path err = Files.createTempFile("gatehouse-redocly", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(DIR.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().put("REDOCLY_TELEMETRY", "off");
            builder.environment().put("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true");
            Process p = builder.start();
            String what = String.join(" ", command.subList(0, Math.min(3, command.size())));
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(what + " did not finish in " + timeoutSeconds + " s: " + Files.readString(err));
            }
            // redocly lint exits 1 when it found errors; the report says which
            if (p.exitValue() != 0 && !(exitCodeMayBeOne && p.exitValue() == 1)) {
                throw new AssertionError(what + " failed (" + p.exitValue() + "): " + Files.readString(out)
                        + Files.readString(err) + " (npm ci needs access to the npm registry on first use)");
            }
            return Files.readString(out);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static String executable(String name) {
        return NodeTools.executable(name, "lints the OpenAPI document with the npm package @redocly/cli (Node.js 20.19 or newer)");
    }
}
