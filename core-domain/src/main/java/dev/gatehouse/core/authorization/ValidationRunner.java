package dev.gatehouse.core.authorization;

import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.Result;
import dev.gatehouse.core.shared.Transactions;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Runs SpiceDB validation files against the local evaluator, like {@code zed validate}: loads the
 * relationships into a fresh store, then checks every assertion and compares the {@code validation:}
 * block (expected relations). Files that need caveats need a
 * {@link CaveatEvaluator}; without one they are reported unsupported, naming the caveats.
 */
public final class ValidationRunner {

    /** An empty relationship store and the transactions it runs in; one per file. */
    public record Store(Relationships relationships, Transactions transactions) {
    }

    /** {@code zed validate}'s dispatch depth ({@code pkg/development}: maxDispatchDepth). */
    static final int VALIDATE_DEPTH = 25;

    private final Clock clock;
    private final Supplier<Store> freshStore;
    private final CaveatEvaluator caveats;

    public ValidationRunner(Clock clock, Supplier<Store> freshStore) {
        this(clock, freshStore, null);
    }

    /** With {@code caveats} (may be null: files with caveats are then reported unsupported). */
    public ValidationRunner(Clock clock, Supplier<Store> freshStore, CaveatEvaluator caveats) {
        this.clock = Objects.requireNonNull(clock);
        this.freshStore = Objects.requireNonNull(freshStore);
        this.caveats = caveats;
    }

    public ValidationReport run(Map<String, Object> document) {
        return run(document, null);
    }

    /** A document read from a file in {@code directory} ({@code schemaFile:} and imports are relative to it). */
    public ValidationReport run(Map<String, Object> document, java.nio.file.Path directory) {
        Result<ValidationFile> file = ValidationFile.parse(document, directory);
        if (!file.isOk()) {
            return ValidationReport.broken(file.failure().message());
        }
        return run(file.value());
    }

    public ValidationReport run(ValidationFile file) {
        if (file.usesCaveats() && caveats == null) {
            return ValidationReport.unsupported("uses caveats (" + caveatNames(file) + ") and no caveat evaluator is configured");
        }
        Result<LocalAuthorizer> loaded = load(file);
        if (!loaded.isOk()) {
            return ValidationReport.broken(loaded.failure().message());
        }
        // zed validate checks assertions with a dispatch depth of 25, not the server's 50
        LocalAuthorizer authorizer = loaded.value().withMaxCheckDepth(VALIDATE_DEPTH);
        List<ValidationReport.Outcome> outcomes = new ArrayList<>();
        for (Assertion a : file.assertions()) {
            outcomes.add(evaluate(authorizer, a));
        }
        long failedAssertions = outcomes.stream().filter(o -> !o.passed()).count();
        int assertions = outcomes.size();
        for (ExpectedRelations expected : file.validation()) {
            outcomes.addAll(compare(loaded.value(), file.schema(), expected));
        }
        long failed = outcomes.stream().filter(o -> !o.passed()).count();
        String relations = file.validation().isEmpty() ? "" : ", " + file.validation().size() + " expected relations";
        if (failed == 0) {
            return new ValidationReport(ValidationReport.Status.PASSED, assertions + " assertions passed"
                    + (relations.isEmpty() ? "" : relations + " matched"), outcomes);
        }
        String first = outcomes.stream().filter(o -> !o.passed()).findFirst().map(ValidationReport.Outcome::message).orElse("");
        return new ValidationReport(ValidationReport.Status.FAILED, failedAssertions + " of " + assertions
                + " assertions failed" + (relations.isEmpty() ? "" : ", " + (failed - failedAssertions)
                + " expected-relation mismatches") + "; first: " + first, outcomes);
    }

    /**
     * One entry of the {@code validation:} block, compared like {@code zed validate}: every expected
     * subject is found, with the same caveat marker ({@code [...]}: conditional) and, for a wildcard,
     * the same excluded subjects; every subject found is expected. The subjects found are those of
     * lookup-subjects (without context) for every plain type and every subject set the schema allows.
     */
    private static List<ValidationReport.Outcome> compare(LocalAuthorizer authorizer, Schema schema, ExpectedRelations e) {
        List<ValidationReport.Outcome> out = new ArrayList<>();
        String onr = e.key();
        Map<String, Found> found = new java.util.TreeMap<>();
        for (String[] kind : subjectKinds(schema)) {
            Result<FoundSubjects> r = authorizer.lookupSubjects(e.resource(), e.permission(), kind[0],
                    kind[1].equals(SubjectRef.ELLIPSIS) ? Optional.empty() : Optional.of(kind[1]));
            if (!r.isOk()) {
                out.add(new ValidationReport.Outcome(null, false, "validation " + onr + ": error: " + r.failure().message()));
                return out;
            }
            String suffix = kind[1].equals(SubjectRef.ELLIPSIS) ? "" : "#" + kind[1];
            // (the resource's own object and relation is not one of its subjects)
            FoundSubjects f = r.value();
            f.subjectIds().forEach(id -> found.put(kind[0] + ":" + id + suffix, new Found(false, new java.util.TreeSet<>())));
            f.conditionalSubjects().keySet().forEach(id -> found.putIfAbsent(kind[0] + ":" + id + suffix,
                    new Found(true, new java.util.TreeSet<>())));
            if (f.wildcard() && suffix.isEmpty()) {
                java.util.TreeSet<String> excluded = new java.util.TreeSet<>();
                f.excludedFromWildcard().forEach(id -> excluded.add(kind[0] + ":" + id));
                found.put(kind[0] + ":" + SubjectRef.WILDCARD, new Found(f.wildcardConditional(), excluded));
            }
        }
        found.remove(ExpectedRelations.normalize(e.resource() + "#" + e.permission()));
        Set<String> expectedSubjects = new LinkedHashSet<>();
        for (ExpectedRelations.ExpectedSubject x : e.expected()) {
            expectedSubjects.add(x.subject());
            Found f = found.get(x.subject());
            if (f == null) {
                out.add(new ValidationReport.Outcome(null, false, "validation " + onr
                        + ": For object and permission/relation `" + onr + "`, missing expected subject `" + x.subject() + "`"));
                continue;
            }
            if (!x.exceptions().equals(f.excluded())) {
                out.add(new ValidationReport.Outcome(null, false, "validation " + onr
                        + ": For object and permission/relation `" + onr + "`, found different excluded subjects for subject `"
                        + x.subject() + "`: Specified: `" + x.exceptions() + "`, Computed: `" + f.excluded() + "`"));
            } else if (x.caveated() != f.caveated()) {
                out.add(new ValidationReport.Outcome(null, false, "validation " + onr
                        + ": For object and permission/relation `" + onr + "`, found caveat mismatch for subject `"
                        + x.subject() + "`: Specified: " + (x.caveated() ? "caveated [...]" : "not caveated")
                        + ", Computed: " + (f.caveated() ? "caveated [...]" : "not caveated")));
            } else {
                out.add(new ValidationReport.Outcome(null, true, "validation " + onr + ": " + x.text() + ": passed"));
            }
        }
        for (String subject : found.keySet()) {
            if (!expectedSubjects.contains(subject)) {
                out.add(new ValidationReport.Outcome(null, false, "validation " + onr
                        + ": For object and permission/relation `" + onr + "`, subject `" + subject
                        + "` found but missing from specified"));
            }
        }
        return out;
    }

    private record Found(boolean caveated, java.util.TreeSet<String> excluded) {
    }

    /** Every plain type, and every subject set ({@code type#relation}) some relation allows. */
    private static List<String[]> subjectKinds(Schema schema) {
        Set<String> kinds = new LinkedHashSet<>();
        for (TypeDefinition d : schema.definitions()) {
            kinds.add(d.name() + "#" + SubjectRef.ELLIPSIS);
        }
        for (TypeDefinition d : schema.definitions()) {
            for (String relation : d.relations()) {
                for (AllowedSubjectType a : d.allowedSubjects(relation)) {
                    if (!a.wildcard() && !SubjectRef.ELLIPSIS.equals(a.relation())) {
                        kinds.add(a.type() + "#" + a.relation());
                    }
                }
            }
        }
        return kinds.stream().map(k -> k.split("#", 2)).toList();
    }

    /** A local authorizer over a fresh store holding the file's relationships. */
    public Result<LocalAuthorizer> load(ValidationFile file) {
        Store store = freshStore.get();
        Result<LocalAuthorizer> created = LocalAuthorizer.create(file.schema(), store.relationships(),
                store.transactions(), clock, caveats);
        if (!created.isOk()) {
            return created;
        }
        LocalAuthorizer authorizer = created.value();
        List<RelationshipUpdate> updates = new ArrayList<>();
        for (Relationship r : file.relationships()) {
            Optional<Failure> invalid = authorizer.validate(r);
            if (invalid.isPresent()) {
                return Result.fail(invalid.get());
            }
            updates.add(RelationshipUpdate.touch(r));
        }
        Result<ConsistencyToken> written = authorizer.write(updates);
        return written.isOk() ? Result.ok(authorizer) : Result.fail(written.failure());
    }

    private static ValidationReport.Outcome evaluate(LocalAuthorizer authorizer, Assertion a) {
        Permissionship expected = switch (a.expectation()) {
            case TRUE -> Permissionship.HAS_PERMISSION;
            case FALSE -> Permissionship.NO_PERMISSION;
            case CAVEATED -> Permissionship.CONDITIONAL_PERMISSION;
        };
        Map<String, Object> context;
        try {
            context = a.caveatContext().map(dev.gatehouse.core.shared.JsonParser::parseObject).orElse(Map.of());
        } catch (IllegalArgumentException e) {
            return new ValidationReport.Outcome(a, false, a.expectation().key() + " " + a + ": error: invalid context: "
                    + e.getMessage());
        }
        Result<CheckResult> actual = authorizer.checkWithContext(a.resource(), a.permission(), a.subject(), context,
                Optional.empty());
        if (!actual.isOk()) {
            return new ValidationReport.Outcome(a, false, a.expectation().key() + " " + a + ": error: "
                    + actual.failure().message());
        }
        boolean passed = actual.value().permissionship() == expected;
        return new ValidationReport.Outcome(a, passed, a.expectation().key() + " " + a + ": "
                + (passed ? "passed" : "expected " + expected + ", got " + actual.value().permissionship()
                + (actual.value().missingContext().isEmpty() ? "" : " (missing " + actual.value().missingContext() + ")")));
    }

    private static String caveatNames(ValidationFile file) {
        Set<String> names = new java.util.TreeSet<>(file.caveats());
        if (names.isEmpty()) {
            names.add("caveat context in assertions");
        }
        return String.join(", ", names);
    }
}
