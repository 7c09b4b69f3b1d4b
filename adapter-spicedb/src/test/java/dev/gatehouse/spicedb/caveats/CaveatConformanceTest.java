package dev.gatehouse.spicedb.caveats;

import dev.gatehouse.core.authorization.ConformanceSuites;
import dev.gatehouse.core.authorization.ValidationReport;
import dev.gatehouse.core.authorization.ValidationRunner;
import dev.gatehouse.core.memory.MemoryRelationships;
import dev.gatehouse.core.memory.MemoryTransactions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SpiceDB's 73 integration test configs (an external suite, skipped with the reason when absent)
 * with the CEL caveat evaluator: every file passes, the 20 with caveats included.
 */
class CaveatConformanceTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final ValidationRunner RUNNER = new ValidationRunner(CLOCK, () -> {
        MemoryTransactions tx = new MemoryTransactions();
        return new ValidationRunner.Store(new MemoryRelationships(tx), tx);
    }, new CelCaveatEvaluator());

    @SuppressWarnings("unchecked")
    static Map<String, Object> yaml(Path p) throws IOException {
        return (Map<String, Object>) new Yaml().load(Files.readString(p));
    }

    @Test
    void everyOneOfTheSeventyThreeFilesPasses() throws IOException {
        List<Path> files = ConformanceSuites.spiceDbFiles();
        assertThat(files).hasSize(73);
        List<String> notPassed = new ArrayList<>();
        long assertions = 0;
        for (Path p : files) {
            ValidationReport report = RUNNER.run(yaml(p), p.getParent());
            assertions += report.outcomes().size();
            if (!report.passed()) {
                notPassed.add(p.getFileName() + " " + report.message() + "\n    "
                        + String.join("\n    ", report.failures().stream().map(ValidationReport.Outcome::message).toList()));
            }
        }
        System.out.printf("SpiceDB conformance with caveats: %d files, %d assertions, %d not passed%n",
                files.size(), assertions, notPassed.size());
        notPassed.forEach(n -> System.out.println("  " + n));
        assertThat(notPassed).isEmpty();
        assertThat(assertions).isGreaterThan(200);
    }

    @TestFactory
    Stream<DynamicTest> everyFileWithCaveatsPasses() {
        return ConformanceSuites.spiceDbFiles().stream().filter(ConformanceSuites::definesCaveats)
                .map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
                    ValidationReport report = RUNNER.run(yaml(p), p.getParent());
                    assertThat(report.status()).as("%s: %s%n%s", p.getFileName(), report.message(),
                                    String.join("\n", report.failures().stream().map(ValidationReport.Outcome::message).toList()))
                            .isEqualTo(ValidationReport.Status.PASSED);
                }));
    }
}
