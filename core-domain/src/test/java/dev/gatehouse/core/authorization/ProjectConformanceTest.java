package dev.gatehouse.core.authorization;

import dev.gatehouse.core.memory.MemoryRelationships;
import dev.gatehouse.core.memory.MemoryTransactions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The project's own conformance cases ({@code src/test/resources/conformance/}, always run, unlike the
 * external suites of {@link SpiceDbConformanceTest}): small validation files, each pinning one point
 * where the local evaluator must behave as SpiceDB 1.54 / {@code zed validate} does. The first line
 * says what SpiceDB does with the file: {@code # expect: passed}, {@code # expect: failed} (an
 * assertion or expected relation does not hold) or {@code # expect: broken: <reason>} (SpiceDB
 * refuses it; the reason must appear in our message, which also names line and column where SpiceDB
 * does). Schema files ({@code .zed}) use {@code // expect: …}.
 */
class ProjectConformanceTest {
    static final Path CASES = Path.of("src", "test", "resources", "conformance");
    private static final Pattern EXPECT = Pattern.compile("^(?:#|//) expect: (passed|failed|broken|unsupported)(?:: (.+))?$");
    /** Expiration dates in the cases are in 2023 (expired) or 2223 and later (valid). */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final ValidationRunner RUNNER = new ValidationRunner(CLOCK, () -> {
        MemoryTransactions tx = new MemoryTransactions();
        return new ValidationRunner.Store(new MemoryRelationships(tx), tx);
    });

    record Expectation(ValidationReport.Status status, String reason) {
    }

    static List<Path> cases() {
        try (Stream<Path> s = Files.walk(CASES)) {
            return s.filter(p -> p.getFileName().toString().matches(".*\\.(yaml|zed)"))
                    .filter(p -> expectation(p) != null).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Expectation expectation(Path file) {
        String first = read(file).lines().findFirst().orElse("");
        Matcher m = EXPECT.matcher(first.strip());
        if (!m.matches()) {
            return null;
        }
        return new Expectation(ValidationReport.Status.valueOf(m.group(1).toUpperCase()), m.group(2));
    }

    static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static ValidationReport run(Path file) {
        Map<String, Object> document = file.toString().endsWith(".zed")
                ? Map.of("schemaFile", file.getFileName().toString())
                : (Map<String, Object>) new Yaml().load(read(file));
        return RUNNER.run(document, file.getParent());
    }

    @Test
    void everyCaseFileStatesWhatSpiceDbDoesWithIt() throws IOException {
        try (Stream<Path> s = Files.walk(CASES)) {
            List<Path> files = s.filter(Files::isRegularFile).toList();
            assertThat(files).isNotEmpty().allSatisfy(f -> assertThat(expectation(f)).as(f + " has no expect line").isNotNull());
        }
    }

    @TestFactory
    Stream<DynamicTest> everyCaseBehavesAsInSpiceDb() {
        return cases().stream().map(file -> DynamicTest.dynamicTest(CASES.relativize(file).toString(), () -> {
            Expectation expected = expectation(file);
            ValidationReport report = run(file);
            assertThat(report.status()).as("%s: %s%n%s", file, report.message(),
                    String.join("\n", report.failures().stream().map(ValidationReport.Outcome::message).toList()))
                    .isEqualTo(expected.status());
            if (expected.reason() != null) {
                assertThat(report.message()).contains(expected.reason());
            }
        }));
    }
}
