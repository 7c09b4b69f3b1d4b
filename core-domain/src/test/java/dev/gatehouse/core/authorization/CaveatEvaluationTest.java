package dev.gatehouse.core.authorization;

import dev.gatehouse.core.memory.MemoryRelationships;
import dev.gatehouse.core.memory.MemoryTransactions;
import dev.gatehouse.core.shared.Result;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Caveats in the evaluator, with a tiny fake engine (core has no CEL): every caveat's expression is
 * the name of one bool parameter. The CEL engine and SpiceDB's own caveat configs are tested in the
 * SpiceDB adapter.
 */
class CaveatEvaluationTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final String SCHEMA = """
            definition user {}
            caveat on_a(a bool) { a }
            caveat on_b(b bool) { b }
            definition team {
                relation member: user | user with on_a
            }
            definition doc {
                relation viewer: user | user with on_a | user with on_b | team#member with on_b | user:* with on_b
                relation banned: user | user with on_b
                relation parent: team | team with on_a
                permission view = viewer - banned
                permission both = viewer & parent->member
                permission through = parent->member
            }
            """;

    /** The fake engine: {@code a} is true when the context says so, missing when it says nothing. */
    static final class BoolParameterEvaluator implements CaveatEvaluator {
        @Override
        public Result<Compiled> compile(Collection<CaveatDefinition> caveats) {
            Map<String, String> parameterOf = new HashMap<>();
            caveats.forEach(c -> parameterOf.put(c.name(), c.expression()));
            return Result.ok(new Compiled() {
                @Override
                public Optional<String> checkContext(String name, Map<String, Object> context) {
                    return context.values().stream().allMatch(v -> v instanceof Boolean) ? Optional.empty()
                            : Optional.of("expected bools");
                }

                @Override
                public Outcome evaluate(String name, Map<String, Object> relationshipContext,
                                        Map<String, Object> requestContext) {
                    String p = parameterOf.get(name);
                    Object v = relationshipContext.containsKey(p) ? relationshipContext.get(p) : requestContext.get(p);
                    if (v == null) {
                        return Outcome.conditional(Set.of(p));
                    }
                    if (!(v instanceof Boolean b)) {
                        throw new IllegalArgumentException(p + " is not a bool");
                    }
                    return b ? Outcome.TRUE : Outcome.FALSE;
                }
            });
        }
    }

    private final MemoryTransactions tx = new MemoryTransactions();
    private final MemoryRelationships store = new MemoryRelationships(tx);
    private final LocalAuthorizer authorizer = LocalAuthorizer.create(Schema.parse(SCHEMA).value(), store, tx, CLOCK,
            new BoolParameterEvaluator()).value();

    private void write(String... relationships) {
        List<RelationshipUpdate> updates = java.util.Arrays.stream(relationships)
                .map(t -> RelationshipUpdate.touch(RelationshipText.parse(t).relationship())).toList();
        Result<ConsistencyToken> r = authorizer.write(updates);
        assertThat(r.isOk()).as("%s", r).isTrue();
    }

    private CheckResult check(String permission, String user, Map<String, Object> context) {
        Result<CheckResult> r = authorizer.checkWithContext(new ObjectRef("doc", "d1"), permission,
                SubjectRef.of("user", user), context, Optional.empty());
        assertThat(r.isOk()).as("%s", r).isTrue();
        return r.value();
    }

    @Test
    void aCaveatWithoutItsParameterIsConditionalNamingItAndTheRequestContextDecides() {
        write("doc:d1#viewer@user:tom[on_a]");
        assertThat(check("view", "tom", Map.of()))
                .isEqualTo(new CheckResult(Permissionship.CONDITIONAL_PERMISSION, List.of("a")));
        assertThat(check("view", "tom", Map.of("a", true)).permissionship()).isEqualTo(Permissionship.HAS_PERMISSION);
        assertThat(check("view", "tom", Map.of("a", false)).permissionship()).isEqualTo(Permissionship.NO_PERMISSION);
        // check without context answers CONDITIONAL too, which never allows
        assertThat(authorizer.check(new ObjectRef("doc", "d1"), "view", SubjectRef.of("user", "tom")).value())
                .isEqualTo(Permissionship.CONDITIONAL_PERMISSION);
    }

    @Test
    void theRelationshipsContextWinsOverTheRequests() {
        write("doc:d1#viewer@user:tom[on_a:{\"a\":false}]");
        assertThat(check("view", "tom", Map.of("a", true)).permissionship()).isEqualTo(Permissionship.NO_PERMISSION);
    }

    @Test
    void conditionalCombinesLikeSpiceDb() {
        // an unconditional path wins over a conditional one
        write("doc:d1#viewer@user:ann[on_a]", "doc:d1#viewer@team:t1#member[on_b]", "team:t1#member@user:ann");
        assertThat(check("view", "ann", Map.of()).missingContext()).containsExactly("a", "b");
        write("team:t2#member@user:ann", "doc:d1#viewer@user:ann");
        assertThat(check("view", "ann", Map.of()).permissionship()).isEqualTo(Permissionship.HAS_PERMISSION);
        // exclusion: a conditional ban makes the answer conditional, a definite one decides
        write("doc:d1#banned@user:ann[on_b]");
        assertThat(check("view", "ann", Map.of())).isEqualTo(new CheckResult(Permissionship.CONDITIONAL_PERMISSION, List.of("b")));
        assertThat(check("view", "ann", Map.of("b", true)).permissionship()).isEqualTo(Permissionship.NO_PERMISSION);
        assertThat(check("view", "ann", Map.of("b", false)).permissionship()).isEqualTo(Permissionship.HAS_PERMISSION);
    }

    @Test
    void caveatedArrowsAndIntersections() {
        write("doc:d1#parent@team:t1[on_a]", "team:t1#member@user:bob", "doc:d1#viewer@user:bob[on_b]");
        assertThat(check("through", "bob", Map.of()).missingContext()).containsExactly("a");
        assertThat(check("both", "bob", Map.of())).isEqualTo(new CheckResult(Permissionship.CONDITIONAL_PERMISSION, List.of("a", "b")));
        assertThat(check("both", "bob", Map.of("a", true, "b", true)).permissionship()).isEqualTo(Permissionship.HAS_PERMISSION);
        assertThat(check("both", "bob", Map.of("a", false)).permissionship()).isEqualTo(Permissionship.NO_PERMISSION);
    }

    @Test
    void aCaveatedWildcardAndLookupResourcesListConditionalResources() {
        write("doc:d1#viewer@user:*[on_b]", "doc:d2#viewer@user:cat");
        assertThat(check("view", "cat", Map.of("b", true)).permissionship()).isEqualTo(Permissionship.HAS_PERMISSION);
        var page = authorizer.lookupResourcesWithContext("doc", "view", SubjectRef.of("user", "cat"), Map.of(),
                Optional.empty(), 10).value();
        assertThat(page.items()).containsExactly(
                new Authorizer.FoundResource("d1", new CheckResult(Permissionship.CONDITIONAL_PERMISSION, List.of("b"))),
                new Authorizer.FoundResource("d2", CheckResult.of(Permissionship.HAS_PERMISSION)));
        assertThat(authorizer.lookupResources("doc", "view", SubjectRef.of("user", "cat"), Optional.empty(), 10)
                .value().items()).containsExactly("d2");
        // lookup-subjects lists the wildcard as conditional, as SpiceDB does; it grants nobody definitely
        FoundSubjects found = authorizer.lookupSubjects(new ObjectRef("doc", "d1"), "view", "user", Optional.empty()).value();
        assertThat(found.wildcard()).isTrue();
        assertThat(found.wildcardMissingContext()).containsExactly("b");
        assertThat(found.includes("cat")).isFalse();
        FoundSubjects decided = authorizer.lookupSubjectsWithContext(new ObjectRef("doc", "d1"), "view", "user",
                Optional.empty(), Map.of("b", true)).value();
        assertThat(decided.wildcard()).isTrue();
        assertThat(decided.wildcardConditional()).isFalse();
        assertThat(decided.includes("cat")).isTrue();
        assertThat(authorizer.lookupSubjectsWithContext(new ObjectRef("doc", "d1"), "view", "user",
                Optional.empty(), Map.of("b", false)).value().wildcard()).isFalse();
    }

    @Test
    void lookupSubjectsListsConditionalSubjectsWithWhatIsMissing() {
        write("doc:d1#viewer@user:ann[on_b]", "doc:d1#viewer@user:bob", "doc:d1#viewer@team:t1#member[on_b]",
                "team:t1#member@user:cat[on_a]");
        FoundSubjects found = authorizer.lookupSubjectsWithContext(new ObjectRef("doc", "d1"), "view", "user",
                Optional.empty(), Map.of()).value();
        assertThat(found.subjectIds()).containsExactly("bob");
        assertThat(found.conditionalSubjects()).containsOnlyKeys("ann", "cat");
        assertThat(found.conditionalSubjects().get("ann")).containsExactly("b");
        assertThat(found.conditionalSubjects().get("cat")).containsExactly("a", "b");
        assertThat(found.includes("ann")).isFalse();
        FoundSubjects withContext = authorizer.lookupSubjectsWithContext(new ObjectRef("doc", "d1"), "view", "user",
                Optional.empty(), Map.of("a", true, "b", true)).value();
        assertThat(withContext.subjectIds()).containsExactly("ann", "bob", "cat");
        assertThat(withContext.conditionalSubjects()).isEmpty();
        FoundSubjects partly = authorizer.lookupSubjectsWithContext(new ObjectRef("doc", "d1"), "view", "user",
                Optional.empty(), Map.of("b", false)).value();
        assertThat(partly.subjectIds()).containsExactly("bob");
        assertThat(partly.conditionalSubjects()).isEmpty();
    }

    @Test
    void writesMustNameACaveatTheRelationAllowsWithAFittingContext() {
        Result<ConsistencyToken> uncaveated = authorizer.write(List.of(RelationshipUpdate.touch(
                RelationshipText.parse("doc:d1#parent@team:t1[on_b]").relationship())));
        assertThat(uncaveated.isOk()).isFalse();
        assertThat(uncaveated.failure().message()).contains("team with on_b").contains("team with on_a");
        Result<ConsistencyToken> badContext = authorizer.write(List.of(RelationshipUpdate.touch(
                RelationshipText.parse("doc:d1#viewer@user:tom[on_a:{\"a\":3}]").relationship())));
        assertThat(badContext.isOk()).isFalse();
        assertThat(badContext.failure().message()).contains("invalid caveat context").contains("expected bools");
    }

    @Test
    void aContextValueOfTheWrongTypeIsAValidationFailureNotAnAnswer() {
        write("doc:d1#viewer@user:tom[on_a]");
        Result<CheckResult> r = authorizer.checkWithContext(new ObjectRef("doc", "d1"), "view",
                SubjectRef.of("user", "tom"), Map.of("a", "yes"), Optional.empty());
        assertThat(r.isOk()).isFalse();
        assertThat(r.failure().reason()).isEqualTo(dev.gatehouse.core.shared.Reason.VALIDATION);
        assertThat(r.failure().message()).contains("a is not a bool");
    }

    @Test
    void withoutAnEvaluatorACaveatedSchemaIsRefusedByName() {
        Result<LocalAuthorizer> r = LocalAuthorizer.create(Schema.parse(SCHEMA).value(), store, tx, CLOCK);
        assertThat(r.isOk()).isFalse();
        assertThat(r.failure().details()).containsEntry(AuthorizationFailures.CODE, AuthorizationFailures.CAVEATS_UNSUPPORTED);
        assertThat(r.failure().message()).contains("on_a").contains("on_b");
    }

    @Test
    void theSchemaKeepsEachCaveatsParametersAndExpression() {
        Schema schema = Schema.parse("caveat within(limit uint, tags list<string>, m map<any>) {\n  limit > 2u &&\n"
                + " {\"a\": 1}.size() == 1\n}\ndefinition user {}").value();
        CaveatDefinition c = schema.caveatDefinitions().iterator().next();
        assertThat(c.parameters()).containsExactly(Map.entry("limit", "uint"), Map.entry("tags", "list<string>"),
                Map.entry("m", "map<any>"));
        assertThat(c.expression()).isEqualTo("limit > 2u &&\n {\"a\": 1}.size() == 1");
        assertThat(c.expressionLine()).isEqualTo(2);
    }
}
