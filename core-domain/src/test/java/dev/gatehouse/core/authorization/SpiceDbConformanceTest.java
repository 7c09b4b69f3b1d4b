package dev.gatehouse.core.authorization;

import dev.gatehouse.core.memory.MemoryRelationships;
import dev.gatehouse.core.memory.MemoryTransactions;
import dev.gatehouse.core.shared.CursorPage;
import dev.gatehouse.core.shared.Result;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * SpiceDB's own integration test configs (an external suite found by {@link ConformanceSuites}; the
 * tests are skipped, saying why, where it is absent): every
 * file without caveats passes all its assertions, every file with caveats is reported unsupported by
 * name, and for every file without caveats check, lookup-resources and lookup-subjects agree on every
 * resource × relation-or-permission × subject the file mentions.
 */
class SpiceDbConformanceTest {
    /** Expiration dates in the files are in 2023 (expired) or 2223 and later (valid). */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final Pattern CAVEAT_DEFINITION = Pattern.compile("(?m)^\\s*caveat\\s+([\\w/]+)\\s*\\(");
    private static final String UNSEEN = "gatehouse_unseen_subject";
    private static final java.util.concurrent.atomic.AtomicLong COMPARISONS = new java.util.concurrent.atomic.AtomicLong();

    @org.junit.jupiter.api.AfterAll
    static void printComparisons() {
        System.out.println("SpiceDB conformance: " + COMPARISONS.get() + " cross-API comparisons");
    }

    private static final ValidationRunner RUNNER = new ValidationRunner(CLOCK, () -> {
        MemoryTransactions tx = new MemoryTransactions();
        return new ValidationRunner.Store(new MemoryRelationships(tx), tx);
    });

    /** The runner the files go through: the evaluator over memory relationships. */
    ValidationRunner runner() {
        return RUNNER;
    }

    /** SpiceDB's configs (see {@link ConformanceSuites}); the calling test is skipped when they are absent. */
    static List<Path> files() {
        return ConformanceSuites.spiceDbFiles();
    }

    static String text(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> yaml(Path p) {
        return (Map<String, Object>) new Yaml().load(text(p));
    }

    static Set<String> definedCaveats(Path p) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = CAVEAT_DEFINITION.matcher(text(p));
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    @Test
    void findsAllSeventyThreeFilesTwentyOfThemWithCaveats() {
        assertThat(files()).hasSize(73);
        assertThat(files().stream().filter(p -> !definedCaveats(p).isEmpty())).hasSize(20);
    }

    /** The figures in one place (also printed): how much of the suite the local evaluator covers. */
    @Test
    void passesEveryAssertionOfEveryFileWithoutCaveats() {
        int passedFiles = 0;
        long passedAssertions = 0;
        long assertions = 0;
        List<String> unsupported = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (Path p : files()) {
            ValidationReport report = runner().run(yaml(p));
            assertions += report.outcomes().size();
            passedAssertions += report.passedAssertions();
            switch (report.status()) {
                case PASSED -> passedFiles++;
                case UNSUPPORTED -> unsupported.add(p.getFileName() + " " + report.message());
                default -> failed.add(p.getFileName() + " " + report.message());
            }
        }
        System.out.printf("SpiceDB conformance: %d files passed, %d/%d assertions passed, %d unsupported, %d failed%n",
                passedFiles, passedAssertions, assertions, unsupported.size(), failed.size());
        unsupported.forEach(u -> System.out.println("  " + u));
        failed.forEach(f -> System.out.println("  FAILED " + f));
        assertThat(failed).isEmpty();
        assertThat(passedFiles).isEqualTo(53);
        assertThat(passedAssertions).isEqualTo(assertions).isGreaterThan(100);
        assertThat(unsupported).hasSize(20);
    }

    @TestFactory
    Stream<DynamicTest> everyFilePassesOrIsReportedUnsupportedByName() {
        return files().stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            ValidationReport report = runner().run(yaml(p));
            Set<String> caveats = definedCaveats(p);
            if (caveats.isEmpty()) {
                assertThat(report.status())
                        .as("%s: %s%n%s", p.getFileName(), report.message(),
                                String.join("\n", report.failures().stream().map(ValidationReport.Outcome::message).toList()))
                        .isEqualTo(ValidationReport.Status.PASSED);
            } else {
                assertThat(report.status()).as(report.message()).isEqualTo(ValidationReport.Status.UNSUPPORTED);
                assertThat(report.message()).startsWith("unsupported: uses caveats (");
                caveats.forEach(name -> assertThat(report.message()).contains(name));
                assertThat(report.exitCode()).isNotZero();
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> checkAgreesWithLookupResourcesAndLookupSubjects() {
        return files().stream().filter(p -> definedCaveats(p).isEmpty())
                .map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
                    ValidationFile file = ValidationFile.parse(yaml(p)).value();
                    LocalAuthorizer authorizer = runner().load(file).value();
                    CrossApi crossApi = new CrossApi(file, authorizer);
                    List<String> mismatches = crossApi.mismatches();
                    assertThat(crossApi.comparisons).isPositive();
                    COMPARISONS.addAndGet(crossApi.comparisons);
                    if (!mismatches.isEmpty()) {
                        fail(p.getFileName() + ": " + mismatches.size() + " disagreements, first ones:\n"
                                + String.join("\n", mismatches.subList(0, Math.min(20, mismatches.size()))));
                    }
                }));
    }

    /** Compares the three read APIs over everything one file mentions. */
    static final class CrossApi {
        private final ValidationFile file;
        private final LocalAuthorizer authorizer;
        private final Set<ObjectRef> objects = new LinkedHashSet<>();
        private final Set<SubjectRef> subjects = new LinkedHashSet<>();
        private final Map<List<Object>, Set<String>> resourcesCache = new HashMap<>();
        private final Map<List<Object>, FoundSubjects> subjectsCache = new HashMap<>();
        private final List<String> mismatches = new ArrayList<>();
        int comparisons;

        CrossApi(ValidationFile file, LocalAuthorizer authorizer) {
            this.file = file;
            this.authorizer = authorizer;
            for (Relationship r : file.relationships()) {
                objects.add(r.resource());
                if (!r.subject().isWildcard()) {
                    objects.add(r.subject().object());
                    if (r.subject().hasRelation()) {
                        subjects.add(r.subject());
                    }
                }
            }
            for (Assertion a : file.assertions()) {
                objects.add(a.resource());
                if (!a.subject().isWildcard()) {
                    objects.add(a.subject().object());
                    subjects.add(a.subject());
                }
            }
            objects.removeIf(o -> file.schema().definition(o.type()).isEmpty());
            objects.forEach(o -> subjects.add(SubjectRef.of(o)));
            subjects.removeIf(s -> file.schema().definition(s.type()).isEmpty());
        }

        List<String> mismatches() {
            for (ObjectRef resource : objects) {
                TypeDefinition type = file.schema().definition(resource.type()).orElseThrow();
                List<String> names = new ArrayList<>(type.relations());
                names.addAll(type.permissions());
                for (String permission : names) {
                    for (SubjectRef subject : subjects) {
                        compare(resource, permission, subject);
                    }
                    for (TypeDefinition subjectType : file.schema().definitions()) {
                        compareUnseen(resource, permission, subjectType.name());
                    }
                }
            }
            return mismatches;
        }

        private void compare(ObjectRef resource, String permission, SubjectRef subject) {
            comparisons++;
            String what = resource + "#" + permission + "@" + subject;
            Result<Permissionship> check = authorizer.check(resource, permission, subject);
            Set<String> resources = lookupResources(resource.type(), permission, subject);
            FoundSubjects found = lookupSubjects(resource, permission, subject.type(), subject.relation());
            if (!check.isOk() || resources == null || found == null) {
                mismatches.add(what + ": error " + (check.isOk() ? "in a lookup" : check.failure().message()));
                return;
            }
            boolean checked = check.value() == Permissionship.HAS_PERMISSION;
            if (checked != resources.contains(resource.id())) {
                mismatches.add(what + ": check says " + checked + ", lookup-resources " + resources);
            }
            if (checked != found.includes(subject.id())) {
                mismatches.add(what + ": check says " + checked + ", lookup-subjects " + found);
            }
            for (String id : found.subjectIds()) {
                SubjectRef other = new SubjectRef(subject.type(), id, subject.relation());
                Result<Permissionship> otherCheck = authorizer.check(resource, permission, other);
                if (!otherCheck.isOk() || otherCheck.value() != Permissionship.HAS_PERMISSION) {
                    mismatches.add(resource + "#" + permission + "@" + other + ": found by lookup-subjects, check says "
                            + (otherCheck.isOk() ? otherCheck.value() : otherCheck.failure().message()));
                }
            }
        }

        /** A subject that no relationship mentions has the permission exactly when a wildcard grants it. */
        private void compareUnseen(ObjectRef resource, String permission, String subjectType) {
            comparisons++;
            SubjectRef unseen = SubjectRef.of(subjectType, UNSEEN);
            String what = resource + "#" + permission + "@" + unseen;
            Result<Permissionship> check = authorizer.check(resource, permission, unseen);
            Set<String> resources = lookupResources(resource.type(), permission, unseen);
            FoundSubjects found = lookupSubjects(resource, permission, subjectType, SubjectRef.ELLIPSIS);
            if (!check.isOk() || resources == null || found == null) {
                mismatches.add(what + ": error " + (check.isOk() ? "in a lookup" : check.failure().message()));
                return;
            }
            boolean checked = check.value() == Permissionship.HAS_PERMISSION;
            if (checked != found.wildcard() || checked != found.includes(UNSEEN)) {
                mismatches.add(what + ": check says " + checked + ", lookup-subjects " + found);
            }
            if (checked != resources.contains(resource.id())) {
                mismatches.add(what + ": check says " + checked + ", lookup-resources " + resources);
            }
        }

        private Set<String> lookupResources(String type, String permission, SubjectRef subject) {
            return resourcesCache.computeIfAbsent(List.of(type, permission, subject), k -> {
                Set<String> all = new TreeSet<>();
                Optional<String> cursor = Optional.empty();
                do {
                    Result<CursorPage<String>> page = authorizer.lookupResources(type, permission, subject, cursor, 2);
                    if (!page.isOk()) {
                        return null;
                    }
                    all.addAll(page.value().items());
                    cursor = page.value().nextCursor();
                } while (cursor.isPresent());
                return all;
            });
        }

        private FoundSubjects lookupSubjects(ObjectRef resource, String permission, String type, String relation) {
            return subjectsCache.computeIfAbsent(List.of(resource, permission, type, relation), k -> {
                Result<FoundSubjects> r = authorizer.lookupSubjects(resource, permission, type,
                        SubjectRef.ELLIPSIS.equals(relation) ? Optional.empty() : Optional.of(relation));
                return r.isOk() ? r.value() : null;
            });
        }
    }
}
