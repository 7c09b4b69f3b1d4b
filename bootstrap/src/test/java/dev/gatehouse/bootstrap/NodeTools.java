package dev.gatehouse.bootstrap;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Running Node.js and npm for the tests that check Gatehouse against independent JavaScript implementations. */
final class NodeTools {
    private NodeTools() {
    }

    /** The program on the PATH, or a failure saying why the test needs it ({@code purpose}). */
    static String executable(String name, String purpose) {
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

    /** Runs the command in {@code dir}; its standard output (standard error goes into failure messages only). */
    static String run(Path dir, List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
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
