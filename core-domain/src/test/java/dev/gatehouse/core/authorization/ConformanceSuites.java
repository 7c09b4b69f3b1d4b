package dev.gatehouse.core.authorization;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where the external conformance suites are (SpiceDB's own integration test configs, which are not
 * part of this repository): the directory named by the system property
 * {@value #PROPERTY} or the environment variable {@value #ENVIRONMENT}, else
 * {@code ../shared/conformance} beside the repository when that exists. Tests that need them call
 * {@link #spiceDbTestConfigs()}, which skips the test (a JUnit assumption, with the reason) when the
 * suites are absent, as in a fresh clone; a setting that names a missing directory is an error, not a skip.
 */
public final class ConformanceSuites {
    public static final String PROPERTY = "gatehouse.conformance.dir";
    public static final String ENVIRONMENT = "GATEHOUSE_CONFORMANCE_DIR";
    static final String SPICEDB_CONFIGS = "spicedb-testconfigs";
    private static final Pattern CAVEAT_DEFINITION = Pattern.compile("(?m)^\\s*caveat\\s+[\\w/]+\\s*\\(");

    private ConformanceSuites() {
    }

    /** The repository's root: the nearest ancestor of the working directory holding {@code core-domain/pom.xml}. */
    public static Path repositoryRoot() {
        for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("core-domain").resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new AssertionError("cannot find the repository root (a directory with core-domain/pom.xml) above "
                + System.getProperty("user.dir"));
    }

    /** The configured suites directory, or empty when none is configured and the default does not exist. */
    public static Optional<Path> directory() {
        String configured = System.getProperty(PROPERTY);
        if (configured == null || configured.isBlank()) {
            configured = System.getenv(ENVIRONMENT);
        }
        if (configured != null && !configured.isBlank()) {
            Path dir = Path.of(configured).toAbsolutePath().normalize();
            if (!Files.isDirectory(dir)) {
                throw new AssertionError(ENVIRONMENT + " / -D" + PROPERTY + " names " + dir + ", which is not a directory");
            }
            return Optional.of(dir);
        }
        Path fallback = repositoryRoot().resolve("..").resolve("shared").resolve("conformance").normalize();
        return Files.isDirectory(fallback) ? Optional.of(fallback) : Optional.empty();
    }

    /** SpiceDB's test configs directory; skips the calling test when the suites are not there. */
    public static Path spiceDbTestConfigs() {
        Optional<Path> dir = directory();
        Assumptions.assumeTrue(dir.isPresent(), () -> "external conformance suites not found: set " + ENVIRONMENT
                + " (or -D" + PROPERTY + ") to the directory holding " + SPICEDB_CONFIGS
                + "/; the default ../shared/conformance beside the repository does not exist");
        Path configs = dir.get().resolve(SPICEDB_CONFIGS);
        if (!Files.isDirectory(configs)) {
            throw new AssertionError(dir.get() + " has no " + SPICEDB_CONFIGS + "/ directory");
        }
        return configs;
    }

    /** The {@code .yaml} files of SpiceDB's test configs, sorted; skips when absent. */
    public static List<Path> spiceDbFiles() {
        try (Stream<Path> s = Files.list(spiceDbTestConfigs())) {
            return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether a validation file defines a caveat. */
    public static boolean definesCaveats(Path file) {
        try {
            return CAVEAT_DEFINITION.matcher(Files.readString(file)).find();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
