package dev.gatehouse.bootstrap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A start that cannot succeed stops with one line on standard error naming the cause and the setting to
 * fix, and no stack trace anywhere unless {@code --debug}: the real {@code gatehouse serve} in a JVM of
 * its own, with the server's class path and logging (the tests' logback configuration left out).
 */
class StartErrorsTest {
    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
        String all() {
            return out + err;
        }
    }

    @Test
    void anUnreachableDatabaseIsOneLine() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        Run run = serve(Map.of("GATEHOUSE_DATABASE_URL", "jdbc:postgresql://127.0.0.1:" + port + "/gatehouse",
                "GATEHOUSE_DATABASE_TIMEOUT", "1s"));
        assertOneLine(run, "the database cannot be reached (GATEHOUSE_DATABASE_URL");
        assertThat(run.err()).contains("127.0.0.1:" + port);
    }

    @Test
    void aBadMasterKeyIsOneLine() throws Exception {
        Run run = serve(Map.of("GATEHOUSE_MASTER_KEY", "not-a-key"));
        assertOneLine(run, "GATEHOUSE_MASTER_KEY is invalid");
    }

    @Test
    void aBadPlansFileIsOneLineNamingTheLine() throws Exception {
        Path plans = dir.resolve("plans.properties");
        Files.writeString(plans, "# tiers\nthis is not a setting\n");
        Run run = serve(Map.of("GATEHOUSE_PLANS_FILE", plans.toString()));
        assertOneLine(run, "GATEHOUSE_PLANS_FILE: ");
        assertThat(run.err()).contains("line 2");
    }

    @Test
    void debugShowsTheStackTrace() throws Exception {
        Run run = serve(Map.of("GATEHOUSE_MASTER_KEY", "not-a-key"), "--debug");
        assertThat(run.exit()).isNotZero();
        assertThat(run.all()).contains("GATEHOUSE_MASTER_KEY is invalid").contains("\tat ");
    }

    private static void assertOneLine(Run run, String says) {
        assertThat(run.exit()).as(run.all()).isEqualTo(1);
        List<String> errLines = run.err().lines().filter(l -> !l.isBlank()).toList();
        assertThat(errLines).as(run.all()).hasSize(1);
        assertThat(errLines.get(0)).startsWith("gatehouse: ").contains(says);
        assertThat(run.all()).as("no stack trace without --debug").doesNotContain("\tat ").doesNotContain("Caused by");
    }

    private Run serve(Map<String, String> env, String... more) throws IOException, InterruptedException {
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.endsWith("test-classes"))
                .collect(Collectors.joining(File.pathSeparator));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", classPath, GatehouseCli.class.getName(), "serve", "--port", "0"));
        command.addAll(List.of(more));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(dir.resolve("out").toFile()).redirectError(dir.resolve("err").toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("GATEHOUSE_"));
        builder.environment().putAll(env);
        builder.environment().put("GATEHOUSE_ADMIN_PASSWORD", "a long admin password");
        Process p = builder.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("gatehouse serve did not stop: " + Files.readString(dir.resolve("out")));
        }
        return new Run(p.exitValue(), Files.readString(dir.resolve("out")), Files.readString(dir.resolve("err")));
    }
}
