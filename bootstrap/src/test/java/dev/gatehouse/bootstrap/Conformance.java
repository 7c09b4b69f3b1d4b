package dev.gatehouse.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Locates the shared SpiceDB test configs and the repository's own files, walking up from the working directory. */
final class Conformance {
    static final String CONFIGS = "shared/conformance/spicedb-testconfigs";
    private static final Pattern CAVEAT_DEFINITION = Pattern.compile("(?m)^\\s*caveat\\s+[\\w/]+\\s*\\(");

    private Conformance() {
    }

    /** The nearest ancestor's {@code relative}; fails (never skips) when there is none. */
    static Path find(String relative) {
        for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(relative);
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("cannot find " + relative + " in " + System.getProperty("user.dir")
                + " or any of its parents: the file is required");
    }

    static List<Path> files() {
        try (Stream<Path> s = Files.list(find(CONFIGS))) {
            return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean usesCaveats(Path file) {
        try {
            return CAVEAT_DEFINITION.matcher(Files.readString(file)).find();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Path> withoutCaveats() {
        return files().stream().filter(p -> !usesCaveats(p)).toList();
    }

    static List<Path> withCaveats() {
        return files().stream().filter(Conformance::usesCaveats).toList();
    }

    static Path exampleValidation() {
        return find("docs/examples/gatehouse-validation.yaml");
    }
}
