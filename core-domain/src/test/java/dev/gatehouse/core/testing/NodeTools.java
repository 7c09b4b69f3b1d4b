package dev.gatehouse.core.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Running Node.js and npm for the tests that check Gatehouse against independent JavaScript
 * implementations (a real SpiceDB, jose, standardwebhooks, generated clients). Each needs Node.js 20+
 * and npm, with access to the npm registry on first use; a test fails saying so otherwise.
 */
public final class NodeTools {
    private NodeTools() {
    }

    /** The program on the PATH, or a failure saying why the test needs it ({@code purpose}). */
    public static String executable(String name, String purpose) {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return candidate.toString();
                }
            }
        }
        throw new AssertionError(name + " (Node.js 20 or newer) is not on the PATH: this test " + purpose
                + " and needs Node.js and npm installed (CI machines have them).");
    }

    /** Runs {@code npm ci} in {@code dir} unless its {@code node_modules} already holds {@code module}. */
    public static void install(Path dir, String module, String purpose) throws IOException, InterruptedException {
        if (!Files.isDirectory(dir.resolve("node_modules").resolve(module))) {
            run(dir, List.of(executable("npm", purpose), "ci", "--no-audit", "--no-fund"), 300);
        }
    }

    /** Starts {@code node script args…} in {@code dir}, its standard error into {@code stderr}. */
    public static Process start(Path dir, String purpose, Path stderr, String script, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(executable("node", purpose), script));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(dir.toFile()).redirectError(stderr.toFile()).start();
    }

    /** Stops a process started by {@link #start} once its standard input is closed, and deletes its {@code stderr}. */
    public static void stop(Process process, Path stderr) throws IOException, InterruptedException {
        process.getOutputStream().close();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        Files.deleteIfExists(stderr);
    }

    /** Runs the command in {@code dir}; its standard output (standard error goes into failure messages only). */
    public static String run(Path dir, List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        Path out = Files.createTempFile("gatehouse-node", ".out");
        Path err = Files.createTempFile("gatehouse-node", ".err");
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            String what = String.join(" ", command.subList(0, Math.min(2, command.size())));
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(what + " did not finish in " + timeoutSeconds + " s: " + Files.readString(err));
            }
            if (p.exitValue() != 0) {
                throw new AssertionError(what + " failed (" + p.exitValue() + "): " + Files.readString(out) + Files.readString(err));
            }
            return Files.readString(out);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
