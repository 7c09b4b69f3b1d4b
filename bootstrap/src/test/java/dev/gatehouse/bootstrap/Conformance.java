package dev.gatehouse.bootstrap;

import dev.gatehouse.core.authorization.ConformanceSuites;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * SpiceDB's test configs (an external suite found by core's {@link ConformanceSuites}: a test that asks
 * for them is skipped, saying why, when they are absent) and the repository's own files.
 */
final class Conformance {
    private Conformance() {
    }

    static List<Path> files() {
        return ConformanceSuites.spiceDbFiles();
    }

    static List<Path> withoutCaveats() {
        return files().stream().filter(p -> !ConformanceSuites.definesCaveats(p)).toList();
    }

    static List<Path> withCaveats() {
        return files().stream().filter(ConformanceSuites::definesCaveats).toList();
    }

    /** A file of this repository, by its path from the repository root; it must exist. */
    static Path inRepository(String relative) {
        Path file = ConformanceSuites.repositoryRoot().resolve(relative);
        if (!Files.exists(file)) {
            throw new AssertionError(file + " is missing: the file is part of the repository");
        }
        return file;
    }

    /** One of core's own conformance cases (core-domain/src/test/resources/conformance). */
    static Path projectCase(String name) {
        return inRepository("core-domain/src/test/resources/conformance/" + name);
    }

    static Path exampleValidation() {
        return inRepository("docs/examples/gatehouse-validation.yaml");
    }
}
