package dev.gatehouse.http;

import dev.gatehouse.core.authorization.Authorizer;
import dev.gatehouse.core.authorization.CheckResult;
import dev.gatehouse.core.authorization.ConsistencyToken;
import dev.gatehouse.core.authorization.FoundSubjects;
import dev.gatehouse.core.authorization.ObjectRef;
import dev.gatehouse.core.authorization.Permissionship;
import dev.gatehouse.core.authorization.RelationshipFilter;
import dev.gatehouse.core.authorization.RelationshipUpdate;
import dev.gatehouse.core.authorization.SubjectRef;
import dev.gatehouse.core.shared.CursorPage;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.Result;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** Delegates to a real authorizer, or answers every read with a set failure (an engine down, an aborted evaluation). */
final class SwitchableAuthorizer implements Authorizer {
    private final Authorizer delegate;
    private final AtomicReference<Failure> failing = new AtomicReference<>();
    private final AtomicReference<List<String>> conditional = new AtomicReference<>();
    private final AtomicReference<Map<String, Object>> lastContext = new AtomicReference<>(Map.of());

    SwitchableAuthorizer(Authorizer delegate) {
        this.delegate = delegate;
    }

    void failWith(Failure failure) {
        failing.set(failure);
    }

    void recover() {
        failing.set(null);
        conditional.set(null);
    }

    /**
     * Answers checks CONDITIONAL_PERMISSION, missing these caveat parameters (a caveated schema's
     * answer); lookups with context then list what they find as conditional.
     */
    void answerConditional(List<String> missing) {
        conditional.set(missing);
    }

    /** The caveat context of the last check or lookup. */
    Map<String, Object> lastContext() {
        return lastContext.get();
    }

    @Override
    public Result<CheckResult> checkWithContext(ObjectRef resource, String permission, SubjectRef subject,
                                                Map<String, Object> context, Optional<ConsistencyToken> atLeastAsFresh) {
        lastContext.set(context);
        Failure f = failing.get();
        if (f != null) {
            return Result.fail(f);
        }
        List<String> missing = conditional.get();
        return missing != null ? Result.ok(new CheckResult(Permissionship.CONDITIONAL_PERMISSION, missing))
                : delegate.checkWithContext(resource, permission, subject, context, atLeastAsFresh);
    }

    @Override
    public Result<Permissionship> check(ObjectRef resource, String permission, SubjectRef subject,
                                        Optional<ConsistencyToken> atLeastAsFresh) {
        Failure f = failing.get();
        return f != null ? Result.fail(f) : delegate.check(resource, permission, subject, atLeastAsFresh);
    }

    @Override
    public Result<CursorPage<String>> lookupResources(String resourceType, String permission, SubjectRef subject,
                                                      Optional<String> cursor, int limit) {
        Failure f = failing.get();
        return f != null ? Result.fail(f) : delegate.lookupResources(resourceType, permission, subject, cursor, limit);
    }

    @Override
    public Result<FoundSubjects> lookupSubjects(ObjectRef resource, String permission, String subjectType,
                                                Optional<String> subjectRelation) {
        Failure f = failing.get();
        return f != null ? Result.fail(f) : delegate.lookupSubjects(resource, permission, subjectType, subjectRelation);
    }

    @Override
    public Result<CursorPage<FoundResource>> lookupResourcesWithContext(String resourceType, String permission,
                                                                       SubjectRef subject, Map<String, Object> context,
                                                                       Optional<String> cursor, int limit) {
        lastContext.set(context);
        Failure f = failing.get();
        if (f != null) {
            return Result.fail(f);
        }
        List<String> missing = conditional.get();
        return missing == null ? delegate.lookupResourcesWithContext(resourceType, permission, subject, context, cursor, limit)
                : delegate.lookupResources(resourceType, permission, subject, cursor, limit).map(page -> new CursorPage<>(
                page.items().stream().map(id -> new FoundResource(id,
                        new CheckResult(Permissionship.CONDITIONAL_PERMISSION, missing))).toList(), page.nextCursor()));
    }

    @Override
    public Result<FoundSubjects> lookupSubjectsWithContext(ObjectRef resource, String permission, String subjectType,
                                                           Optional<String> subjectRelation, Map<String, Object> context) {
        lastContext.set(context);
        Failure f = failing.get();
        if (f != null) {
            return Result.fail(f);
        }
        List<String> missing = conditional.get();
        return missing == null ? delegate.lookupSubjectsWithContext(resource, permission, subjectType, subjectRelation, context)
                : delegate.lookupSubjects(resource, permission, subjectType, subjectRelation).map(found -> {
                    Map<String, List<String>> all = new java.util.TreeMap<>();
                    found.subjectIds().forEach(id -> all.put(id, missing));
                    return new FoundSubjects(List.of(), found.wildcard(), found.excludedFromWildcard(), all,
                            found.wildcard() ? missing : List.of());
                });
    }

    @Override
    public Result<ConsistencyToken> write(List<RelationshipUpdate> updates) {
        return delegate.write(updates);
    }

    @Override
    public Result<ConsistencyToken> delete(RelationshipFilter filter) {
        return delegate.delete(filter);
    }
}
