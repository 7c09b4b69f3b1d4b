package dev.gatehouse.core.authorization;

import dev.gatehouse.core.memory.MemoryRelationships;
import dev.gatehouse.core.memory.MemoryTransactions;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ValidationRunnerTest {
    private final ValidationRunner runner = new ValidationRunner(
            Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC), () -> {
        MemoryTransactions tx = new MemoryTransactions();
        return new ValidationRunner.Store(new MemoryRelationships(tx), tx);
    });

    private static final String SCHEMA = """
            use expiration
            definition user {}
            definition doc {
              relation viewer: user | user with expiration
              permission view = viewer
            }""";

    private static Map<String, Object> file(String schema, String relationships, Map<String, Object> assertions) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("schema", schema);
        doc.put("relationships", relationships);
        doc.put("assertions", assertions);
        return doc;
    }

    @Test
    void passesWhenEveryAssertionHolds() {
        ValidationReport report = runner.run(file(SCHEMA, """
                // comment lines are skipped
                doc:d1#viewer@user:tom

                doc:d1#viewer@user:old[expiration:2025-01-01T00:00:00Z]
                """, Map.of("assertTrue", List.of("doc:d1#view@user:tom#..."),
                "assertFalse", List.of("doc:d1#view@user:old", "doc:d2#view@user:tom"))));
        assertThat(report.status()).isEqualTo(ValidationReport.Status.PASSED);
        assertThat(report.exitCode()).isZero();
        assertThat(report.outcomes()).hasSize(3).allMatch(ValidationReport.Outcome::passed);
    }

    @Test
    void failsNamingTheAssertionThatDoesNotHold() {
        ValidationReport report = runner.run(file(SCHEMA, "doc:d1#viewer@user:tom",
                Map.of("assertTrue", List.of("doc:d1#view@user:ann"))));
        assertThat(report.status()).isEqualTo(ValidationReport.Status.FAILED);
        assertThat(report.exitCode()).isEqualTo(1);
        assertThat(report.failures()).singleElement().extracting(ValidationReport.Outcome::message)
                .isEqualTo("assertTrue doc:d1#view@user:ann: expected HAS_PERMISSION, got NO_PERMISSION");
    }

    @Test
    void reportsBrokenFiles() {
        assertThat(runner.run(file("definition doc { relation x: }", "", Map.of())).message())
                .startsWith("broken: schema error at line 1");
        assertThat(runner.run(file(SCHEMA, "doc:d1#viewer@user:tom\ndoc:d1#viewer", Map.of())).message())
                .isEqualTo("broken: relationship line 2: expected resource#relation@subject, found 'doc:d1#viewer'");
        ValidationReport notAllowed = runner.run(file(SCHEMA, "doc:d1#viewer@doc:d2", Map.of()));
        assertThat(notAllowed.message()).contains("subjects of type 'doc' are not allowed");
        assertThat(notAllowed.exitCode()).isEqualTo(2);
        assertThat(runner.run(file(SCHEMA, "", Map.of("assertMaybe", List.of()))).message())
                .contains("unknown assertion kind 'assertMaybe'");
        assertThat(runner.run(Map.of("relationships", "")).message()).contains("expected a 'schema' string");
    }

    @Test
    void reportsCaveatsAsUnsupportedByName() {
        ValidationReport inSchema = runner.run(file("""
                caveat only_on_tuesday(day string) { day == 'tuesday' }
                definition user {}
                definition doc { relation viewer: user with only_on_tuesday; }""", "", Map.of()));
        assertThat(inSchema.status()).isEqualTo(ValidationReport.Status.UNSUPPORTED);
        assertThat(inSchema.message())
                .isEqualTo("unsupported: uses caveats (only_on_tuesday) and no caveat evaluator is configured");
        assertThat(inSchema.exitCode()).isNotZero();

        ValidationReport inAssertion = runner.run(file(SCHEMA, "doc:d1#viewer@user:tom",
                Map.of("assertTrue", List.of("doc:d1#view@user:tom with {\"x\": 1}"))));
        assertThat(inAssertion.status()).isEqualTo(ValidationReport.Status.UNSUPPORTED);
    }

    @Test
    void readsCaveatedRelationshipTextWithItsCaveatAndContext() {
        RelationshipText.Parsed parsed = RelationshipText.parse(
                "doc:d1#viewer@user:tom[some_caveat:{\"somelist\": [42, 41]}][expiration:2300-12-01T00:00:00Z]");
        assertThat(parsed.caveat()).contains("some_caveat");
        assertThat(parsed.relationship().expiration()).contains(Instant.parse("2300-12-01T00:00:00Z"));
        assertThat(parsed.relationship().caveat()).contains(new RelationshipCaveat("some_caveat",
                Map.of("somelist", List.of(42L, 41L))));
        assertThat(parsed.relationship().toString())
                .isEqualTo("doc:d1#viewer@user:tom[some_caveat:{\"somelist\":[42,41]}][expiration:2300-12-01T00:00:00Z]");
        assertThatThrownBy(() -> RelationshipText.parse("doc:d1#viewer@user:tom[c:{\"x\": }]"))
                .hasMessageContaining("invalid caveat context");
    }
}
