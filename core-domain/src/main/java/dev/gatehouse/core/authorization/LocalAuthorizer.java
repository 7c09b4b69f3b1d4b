package dev.gatehouse.core.authorization;

import dev.gatehouse.core.shared.CursorPage;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.Reason;
import dev.gatehouse.core.shared.Result;
import dev.gatehouse.core.shared.Transactions;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The embedded {@link Authorizer}: evaluates a {@link Schema} over {@link Relationships} in-process.
 * Each request reads inside one read-only transaction (a consistent snapshot) and memoizes what it
 * evaluates. Check and lookup-subjects evaluate forwards from the resource; lookup-resources walks
 * backwards from the subject to candidates and checks each, so it always agrees with check.
 */
public final class LocalAuthorizer implements Authorizer {
    public static final int MAX_DEPTH = CheckEvaluation.MAX_DEPTH;
    public static final int MAX_PAGE_SIZE = 1000;

    private final Schema schema;
    private final Relationships relationships;
    /** The in-memory index reads go to when it serves them (ADR 0036); null over a store read directly. */
    private final RelationshipIndex index;
    /** What reads go to inside a transaction: the store itself. */
    private final Relationships store;
    private final Transactions transactions;
    private final Clock clock;
    private final SchemaRules rules;
    /** Lookup plans by {@code type#permission}: they depend on the schema only. */
    private final Map<String, LookupPlan> plans = new ConcurrentHashMap<>();
    /** The candidates of recent lookups, for their next pages. */
    private final Walks walks = new Walks();
    private final int maxCheckDepth;
    /** The schema's compiled caveats; null when it has none. */
    private final CaveatEvaluator.Compiled caveats;

    private LocalAuthorizer(Schema schema, Relationships relationships, Transactions transactions, Clock clock,
                            int maxCheckDepth, CaveatEvaluator.Compiled caveats) {
        this.schema = schema;
        this.relationships = relationships;
        this.index = relationships instanceof RelationshipIndex i ? i : null;
        this.store = index != null ? index.store() : relationships;
        this.transactions = transactions;
        this.clock = clock;
        this.caveats = caveats;
        this.rules = new SchemaRules(schema, caveats);
        this.maxCheckDepth = maxCheckDepth;
    }

    /** The same authorizer with checks limited to {@code depth} levels ({@code zed validate} checks assertions at 25). */
    LocalAuthorizer withMaxCheckDepth(int depth) {
        return new LocalAuthorizer(schema, relationships, transactions, clock, depth, caveats);
    }

    /**
     * Without a caveat evaluator: fails ({@code caveats_unsupported}) when the schema uses caveats.
     */
    public static Result<LocalAuthorizer> create(Schema schema, Relationships relationships,
                                                 Transactions transactions, Clock clock) {
        return create(schema, relationships, transactions, clock, null);
    }

    /**
     * With a caveat evaluator (may be null: then schemas with caveats are refused), which compiles the
     * schema's caveats here, failing as SpiceDB's schema write would for an invalid expression.
     */
    public static Result<LocalAuthorizer> create(Schema schema, Relationships relationships,
                                                 Transactions transactions, Clock clock,
                                                 CaveatEvaluator caveatEvaluator) {
        Objects.requireNonNull(schema, "schema");
        CaveatEvaluator.Compiled compiled = null;
        if (schema.usesCaveats()) {
            if (caveatEvaluator == null) {
                return Result.fail(AuthorizationFailures.caveatsUnsupported(schema.caveats()));
            }
            Result<CaveatEvaluator.Compiled> result = caveatEvaluator.compile(schema.caveatDefinitions());
            if (!result.isOk()) {
                return Result.fail(result.failure());
            }
            compiled = result.value();
        }
        return Result.ok(new LocalAuthorizer(schema, Objects.requireNonNull(relationships),
                Objects.requireNonNull(transactions), Objects.requireNonNull(clock), MAX_DEPTH, compiled));
    }

    public Schema schema() {
        return schema;
    }

    @Override
    public Result<Permissionship> check(ObjectRef resource, String permission, SubjectRef subject,
                                        Optional<ConsistencyToken> atLeastAsFresh) {
        return checkWithContext(resource, permission, subject, Map.of(), atLeastAsFresh).map(CheckResult::permissionship);
    }

    @Override
    public Result<CheckResult> checkWithContext(ObjectRef resource, String permission, SubjectRef subject,
                                                Map<String, Object> context, Optional<ConsistencyToken> atLeastAsFresh) {
        Objects.requireNonNull(context, "context");
        return read(atLeastAsFresh, view -> {
            Optional<Failure> invalid = rules.requirePermission(resource.type(), permission)
                    .or(() -> rules.requireSubject(subject));
            if (invalid.isPresent()) {
                return Result.fail(invalid.get());
            }
            if (subject.isWildcard()) {
                return Result.fail(Reason.VALIDATION, "cannot check a wildcard subject (" + subject
                        + "): check a concrete subject");
            }
            CheckEvaluation evaluation = new CheckEvaluation(schema, view, clock.instant(), subject,
                    maxCheckDepth, caveats, context);
            try {
                byte result = evaluation.member(resource.type(), resource.id(), permission, 0);
                return answer(result, evaluation);
            } catch (EvaluationAborted e) {
                return Result.fail(AuthorizationFailures.aborted(e.getMessage()));
            } catch (CheckEvaluation.CaveatFailed e) {
                return Result.fail(Reason.VALIDATION, e.getMessage());
            }
        });
    }

    @Override
    public Result<CursorPage<String>> lookupResources(String resourceType, String permission, SubjectRef subject,
                                                      Optional<String> cursor, int limit) {
        return lookupResourcesWithContext(resourceType, permission, subject, Map.of(), cursor, limit)
                .map(page -> new CursorPage<>(page.items().stream()
                        .filter(f -> f.result().permissionship() == Permissionship.HAS_PERMISSION)
                        .map(FoundResource::id).toList(), page.nextCursor()));
    }

    /**
     * Resources found conditionally (a caveat lacking context) are listed with
     * {@link Permissionship#CONDITIONAL_PERMISSION}, as SpiceDB lists them; {@link #lookupResources}
     * leaves them out.
     */
    @Override
    public Result<CursorPage<FoundResource>> lookupResourcesWithContext(String resourceType, String permission,
                                                                       SubjectRef subject, Map<String, Object> context,
                                                                       Optional<String> cursor, int limit) {
        Objects.requireNonNull(context, "context");
        if (limit < 1 || limit > MAX_PAGE_SIZE) {
            return Result.fail(Failure.invalid("limit", "must be between 1 and " + MAX_PAGE_SIZE));
        }
        Optional<Cursor> position;
        try {
            position = cursor.map(LocalAuthorizer::decodeCursor);
        } catch (IllegalArgumentException e) {
            return Result.fail(Failure.invalid("cursor", "is not a cursor of this lookup"));
        }
        Optional<String> after = position.map(Cursor::lastId);
        return read(Optional.empty(), view -> {
            Optional<Failure> invalid = rules.requirePermission(resourceType, permission).or(() -> rules.requireSubject(subject));
            if (invalid.isPresent()) {
                return Result.fail(invalid.get());
            }
            if (subject.isWildcard()) {
                return Result.fail(Reason.VALIDATION, "cannot look up resources for a wildcard subject (" + subject + ")");
            }
            var now = clock.instant();
            try {
                String walkKey = resourceType + "#" + permission + "@" + subject;
                long version = view == index ? index.applied() : view.revision();
                Walks.Walk walk = context.isEmpty() ? position.flatMap(Cursor::walk)
                        .flatMap(id -> walks.find(id, walkKey, view == index, version)).orElse(null) : null;
                TreeSet<String> candidates;
                if (walk != null) {
                    candidates = walk.candidates();
                } else {
                    LookupPlan plan = plans.computeIfAbsent(resourceType + "#" + permission,
                            k -> LookupPlan.of(schema, resourceType, permission));
                    candidates = new ReachableResources(schema, view, now).candidates(plan, resourceType, permission, subject);
                }
                CheckEvaluation evaluation = new CheckEvaluation(schema, view, now, subject, MAX_DEPTH,
                        caveats, context);
                List<FoundResource> page = new ArrayList<>();
                boolean more = false;
                for (String id : after.isPresent() ? candidates.tailSet(after.get(), false) : candidates) {
                    byte result = evaluation.member(resourceType, id, permission, 0);
                    if (result == CheckEvaluation.UNKNOWN) {
                        return Result.fail(AuthorizationFailures.aborted(evaluation.unknownReason()));
                    }
                    if (result == CheckEvaluation.TRUE || result == CheckEvaluation.CONDITIONAL) {
                        if (page.size() == limit) {
                            more = true;
                            break;
                        }
                        page.add(new FoundResource(id, result == CheckEvaluation.TRUE
                                ? CheckResult.of(Permissionship.HAS_PERMISSION)
                                : new CheckResult(Permissionship.CONDITIONAL_PERMISSION, List.copyOf(evaluation.missing()))));
                    }
                }
                if (more && walk == null && context.isEmpty()) {
                    walk = walks.keep(walkKey, view == index, version, candidates);
                }
                String walkId = walk == null ? null : Long.toString(walk.id());
                Optional<String> next = more ? Optional.of(encodeCursor(walkId, page.get(page.size() - 1).id()))
                        : Optional.empty();
                return Result.ok(new CursorPage<>(page, next));
            } catch (EvaluationAborted e) {
                return Result.fail(AuthorizationFailures.aborted(e.getMessage()));
            } catch (CheckEvaluation.CaveatFailed e) {
                return Result.fail(Reason.VALIDATION, e.getMessage());
            }
        });
    }

    @Override
    public Result<FoundSubjects> lookupSubjects(ObjectRef resource, String permission, String subjectType,
                                                Optional<String> subjectRelation) {
        return lookupSubjectsWithContext(resource, permission, subjectType, subjectRelation, Map.of());
    }

    /**
     * Without caveats in the schema, the subject walk answers alone. With caveats (which the walk does
     * not read) every subject the walk met, excluded ones included, is checked with the context:
     * definite ones are listed, conditional ones listed apart with their missing parameters, as SpiceDB
     * lists them; a wildcard the walk met is checked for a subject no relationship names.
     */
    @Override
    public Result<FoundSubjects> lookupSubjectsWithContext(ObjectRef resource, String permission, String subjectType,
                                                           Optional<String> subjectRelation, Map<String, Object> context) {
        Objects.requireNonNull(context, "context");
        return read(Optional.empty(), view -> {
            String relation = subjectRelation.orElse(SubjectRef.ELLIPSIS);
            Optional<Failure> invalid = rules.requirePermission(resource.type(), permission)
                    .or(() -> rules.requireTypeAndRelation(subjectType, relation));
            if (invalid.isPresent()) {
                return Result.fail(invalid.get());
            }
            try {
                var now = clock.instant();
                SubjectsEvaluation walk = new SubjectsEvaluation(schema, view, now, subjectType, relation);
                SubjectSet set = walk.members(resource.type(), resource.id(), permission, 0);
                if (caveats == null) {
                    return Result.ok(new FoundSubjects(new TreeSet<>(set.members()).stream().toList(), set.wildcard(),
                            new TreeSet<>(set.excluded()).stream().toList()));
                }
                CheckResult wildcard = walk.wildcardSeen()
                        ? check(view, resource, permission, new SubjectRef(subjectType, UNSEEN_SUBJECT, relation), now, context)
                        : CheckResult.of(Permissionship.NO_PERMISSION);
                boolean anyWildcard = wildcard.permissionship() != Permissionship.NO_PERMISSION;
                List<String> members = new ArrayList<>();
                List<String> excluded = new ArrayList<>();
                Map<String, List<String>> conditional = new java.util.TreeMap<>();
                for (String id : new TreeSet<>(walk.seen())) {
                    CheckResult r = check(view, resource, permission, new SubjectRef(subjectType, id, relation), now, context);
                    switch (r.permissionship()) {
                        case HAS_PERMISSION -> {
                            // a subject the wildcard covers alike is listed only where the walk found it itself
                            if (!(anyWildcard && wildcard.allowed() && !set.members().contains(id))) {
                                members.add(id);
                            }
                        }
                        case CONDITIONAL_PERMISSION -> {
                            if (!(anyWildcard && r.equals(wildcard) && !set.members().contains(id))) {
                                conditional.put(id, r.missingContext());
                            }
                        }
                        case NO_PERMISSION -> {
                            if (anyWildcard) {
                                excluded.add(id);
                            }
                        }
                    }
                }
                return Result.ok(new FoundSubjects(members, anyWildcard, excluded, conditional,
                        anyWildcard ? wildcard.missingContext() : List.of()));
            } catch (EvaluationAborted e) {
                return Result.fail(AuthorizationFailures.aborted(e.getMessage()));
            } catch (CheckEvaluation.CaveatFailed e) {
                return Result.fail(Reason.VALIDATION, e.getMessage());
            }
        });
    }

    /** An id no relationship names, standing for "any other subject" when confirming a wildcard. */
    private static final String UNSEEN_SUBJECT = "gatehouse|wildcard|probe";

    private CheckResult check(Relationships view, ObjectRef resource, String permission, SubjectRef subject,
                              java.time.Instant now, Map<String, Object> context) {
        CheckEvaluation evaluation = new CheckEvaluation(schema, view, now, subject, MAX_DEPTH, caveats, context);
        byte result = evaluation.member(resource.type(), resource.id(), permission, 0);
        return switch (result) {
            case CheckEvaluation.TRUE -> CheckResult.of(Permissionship.HAS_PERMISSION);
            case CheckEvaluation.FALSE -> CheckResult.of(Permissionship.NO_PERMISSION);
            case CheckEvaluation.CONDITIONAL -> new CheckResult(Permissionship.CONDITIONAL_PERMISSION,
                    List.copyOf(evaluation.missing()));
            default -> throw new EvaluationAborted(evaluation.unknownReason());
        };
    }

    @Override
    public Result<ConsistencyToken> write(List<RelationshipUpdate> updates) {
        for (RelationshipUpdate u : updates) {
            Optional<Failure> invalid = rules.validate(u);
            if (invalid.isPresent()) {
                return Result.fail(invalid.get());
            }
        }
        return relationships.write(updates).map(ConsistencyToken::ofRevision);
    }

    @Override
    public Result<ConsistencyToken> delete(RelationshipFilter filter) {
        return relationships.deleteWhere(filter).map(ConsistencyToken::ofRevision);
    }

    /** Whether the schema allows this relationship: its relation, subject type and expiration. */
    public Optional<Failure> validate(Relationship r) {
        return rules.validate(r);
    }

    private Result<CheckResult> answer(byte result, CheckEvaluation evaluation) {
        return switch (result) {
            case CheckEvaluation.TRUE -> Result.ok(CheckResult.of(Permissionship.HAS_PERMISSION));
            case CheckEvaluation.FALSE -> Result.ok(CheckResult.of(Permissionship.NO_PERMISSION));
            case CheckEvaluation.CONDITIONAL -> Result.ok(new CheckResult(Permissionship.CONDITIONAL_PERMISSION,
                    List.copyOf(evaluation.missing())));
            default -> Result.fail(AuthorizationFailures.aborted(evaluation.unknownReason()));
        };
    }

    /**
     * Runs one read request: on the index when it serves it (no transaction), else inside a read-only
     * transaction (one snapshot) on the store, after checking the token against it.
     */
    private <T> Result<T> read(Optional<ConsistencyToken> token, Function<Relationships, Result<T>> work) {
        if (index != null) {
            OptionalLong wanted = OptionalLong.empty();
            boolean parsed = true;
            if (token.isPresent()) {
                try {
                    wanted = OptionalLong.of(Long.parseLong(token.get().value()));
                } catch (NumberFormatException e) {
                    parsed = false;
                }
            }
            if (parsed && index.serves(wanted)) {
                return work.apply(index);
            }
        }
        return transactions.readOnly(() -> {
            Optional<Failure> stale = freshness(token);
            return stale.isPresent() ? Result.fail(stale.get()) : work.apply(store);
        });
    }

    private Optional<Failure> freshness(Optional<ConsistencyToken> token) {
        if (token.isEmpty()) {
            return Optional.empty();
        }
        long wanted;
        try {
            wanted = Long.parseLong(token.get().value());
        } catch (NumberFormatException e) {
            return Optional.of(Failure.invalid("consistency_token", "is not a token of the local authorizer"));
        }
        long current = store.revision();
        return wanted <= current ? Optional.empty()
                : Optional.of(Failure.of(Reason.INVALID_STATE, "consistency token " + wanted
                + " is newer than the relationships (revision " + current + ")"));
    }

    /** Where a lookup's next page starts: after {@code lastId}, with the walk that found the candidates when kept. */
    private record Cursor(Optional<Long> walk, String lastId) {
    }

    /** {@code <walk>:<last id>} (ids have no colon), or the last id alone when the walk is not kept. */
    private static String encodeCursor(String walk, String lastId) {
        String text = walk == null ? lastId : walk + ":" + lastId;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static Cursor decodeCursor(String cursor) {
        String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        int colon = text.indexOf(':');
        Optional<Long> walk = Optional.empty();
        if (colon >= 0) {
            try {
                walk = Optional.of(Long.parseLong(text.substring(0, colon)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a cursor", e);
            }
            text = text.substring(colon + 1);
        }
        if (!Names.isObjectId(text)) {
            throw new IllegalArgumentException("not a cursor");
        }
        return new Cursor(walk, text);
    }
}
