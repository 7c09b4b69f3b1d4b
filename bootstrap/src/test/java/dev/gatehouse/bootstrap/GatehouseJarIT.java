package dev.gatehouse.bootstrap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged jar as a user runs it: {@code java -jar bootstrap/target/gatehouse.jar …}. Runs in
 * the integration-test phase, after the shade plugin built the jar.
 */
class GatehouseJarIT {
    private static final Path JAR = Path.of("target", "gatehouse.jar");
    private static final Pattern LISTENING = Pattern.compile("Gatehouse listening on (http://\\S+)");
    private Process process;

    @AfterEach
    void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private Process run(List<String> args, boolean withAdmin) throws IOException {
        assertThat(JAR).as("the runnable jar at bootstrap/target/gatehouse.jar").exists();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("GATEHOUSE_"));
        if (withAdmin) {
            pb.environment().put("GATEHOUSE_ADMIN_EMAIL", "ops@example.com");
            pb.environment().put("GATEHOUSE_ADMIN_PASSWORD", "an operator password");
        }
        return pb.start();
    }

    private static String readAll(Process p) throws Exception {
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void servesOnTheEmbeddedDefaultAndLogsInTheEnvironmentsAdmin() throws Exception {
        process = run(List.of("serve", "--port", "0"), true);
        var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder output = new StringBuilder();
        CompletableFuture<String> url = CompletableFuture.supplyAsync(() -> {
            try {
                String line;
                while ((line = reader.readLine()) != null) {
                    output.append(line).append('\n');
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        return m.group(1);
                    }
                }
                throw new IllegalStateException("server exited:\n" + output);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        String base = url.get(60, TimeUnit.SECONDS);
        assertThat(output).contains("EMBEDDED MODE");
        Http http = new Http(base);
        assertThat(http.get("/healthz", null).statusCode()).isEqualTo(200);
        assertThat(http.get("/readyz", null).statusCode()).isEqualTo(200);
        String token = http.login("ops@example.com", "an operator password");
        assertThat(http.get("/api/v1/me", token).body()).contains("ops@example.com");
    }

    @Test
    void printsItsVersion() throws Exception {
        process = run(List.of("version"), false);
        String out = readAll(process);
        assertThat(process.exitValue()).isZero();
        assertThat(out).startsWith("gatehouse ");
    }

    @Test
    void migrateWithoutADatabaseSaysSoAndFails() throws Exception {
        process = run(List.of("migrate"), false);
        String out = readAll(process);
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(out).contains("GATEHOUSE_DATABASE_URL is not set");
    }

    @Test
    void validatesTheSpiceDbTestConfigsAndTheProductSchemaExample() throws Exception {
        List<String> args = new ArrayList<>(List.of("authz", "validate", Conformance.exampleValidation().toString()));
        Conformance.withoutCaveats().forEach(p -> args.add(p.toString()));
        process = run(args, false);
        String out = readAll(process);
        assertThat(process.exitValue()).as(out).isZero();
        assertThat(out).contains("54 files: 54 passed, 0 failed, 0 broken, 0 unsupported");
    }

    @Test
    void authzValidateFailsOnAFileWithCaveats() throws Exception {
        Path caveats = Conformance.withCaveats().get(0);
        process = run(List.of("authz", "validate", caveats.toString()), false);
        String out = readAll(process);
        assertThat(process.exitValue()).as(out).isEqualTo(3);
        assertThat(out).contains("unsupported: uses caveats (");
    }
}
