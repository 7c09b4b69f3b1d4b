package dev.gatehouse.bootstrap;

import dev.gatehouse.postgres.testing.TestDatabase;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The packaged jar run as a user runs it: {@code java -jar bootstrap/target/gatehouse.jar …}. */
final class JarProcess implements AutoCloseable {
    static final Path JAR = Path.of("target", "gatehouse.jar");
    private static final Pattern LISTENING = Pattern.compile("Gatehouse listening on (http://\\S+)");

    private final Process process;
    private final StringBuffer output = new StringBuffer();

    private JarProcess(Process process) {
        this.process = process;
    }

    /** Starts the jar with only the given GATEHOUSE_* variables (the build's own are removed). */
    static JarProcess start(List<String> args, Map<String, String> env) throws IOException {
        if (!Files.isRegularFile(JAR)) {
            throw new AssertionError("the runnable jar is missing at bootstrap/" + JAR);
        }
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString()));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("GATEHOUSE_"));
        pb.environment().putAll(env);
        return new JarProcess(pb.start());
    }

    /**
     * The environment of a jar on {@code db}: its URL and credentials, the initial admin
     * ops@example.com with "an operator password", and {@code extra}.
     */
    static Map<String, String> postgresEnv(TestDatabase db, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(extra);
        env.put("GATEHOUSE_DATABASE_URL", db.jdbcUrl());
        env.put("GATEHOUSE_ADMIN_EMAIL", "ops@example.com");
        env.put("GATEHOUSE_ADMIN_PASSWORD", "an operator password");
        if (db.user() != null) {
            env.put("GATEHOUSE_DATABASE_USER", db.user());
        }
        if (db.password() != null) {
            env.put("GATEHOUSE_DATABASE_PASSWORD", db.password());
        }
        return env;
    }

    /** Reads the output until the server announces its address; fails if it exits first. */
    String awaitListening() throws Exception {
        var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> url = CompletableFuture.supplyAsync(() -> {
            try {
                String line;
                while ((line = reader.readLine()) != null) {
                    output.append(line).append('\n');
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        drain(reader);
                        return m.group(1);
                    }
                }
                throw new IllegalStateException("server exited:\n" + output);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        return url.get(180, TimeUnit.SECONDS); // generous: a loaded machine starts slowly
    }

    /** Keeps reading the output in the background, so a chatty server never blocks on a full pipe. */
    private void drain(BufferedReader reader) {
        Thread t = new Thread(() -> {
            try {
                String line;
                while ((line = reader.readLine()) != null) {
                    output.append(line).append('\n');
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "jar-output");
        t.setDaemon(true);
        t.start();
    }

    /** SIGKILL: the process gets no chance to finish anything. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new AssertionError("still running 10 s after SIGKILL");
        }
    }

    /** Waits for the process to exit and returns everything it printed. */
    String awaitExit() throws Exception {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new AssertionError("still running after 60 s");
        }
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    int exitValue() {
        return process.exitValue();
    }

    String output() {
        return output.toString();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
