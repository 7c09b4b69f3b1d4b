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
 * relationships into a fresh store, then checks every assertion. Files that need caveats need a
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
        long failed = outcomes.stream().filter(o -> !o.passed()).count();
        if (failed == 0 && file.expectedRelations() > 0) {
            // Never pass a file whose expected relations were not compared: zed validate would compare them.
            return new ValidationReport(ValidationReport.Status.UNSUPPORTED, "unsupported: the validation block ("
                    + file.expectedRelations() + " expected relations) is not compared yet; " + outcomes.size()
                    + " assertions passed", outcomes);
        }
        return failed == 0
                ? new ValidationReport(ValidationReport.Status.PASSED, outcomes.size() + " assertions passed", outcomes)
                : new ValidationReport(ValidationReport.Status.FAILED,
                failed + " of " + outcomes.size() + " assertions failed", outcomes);
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
