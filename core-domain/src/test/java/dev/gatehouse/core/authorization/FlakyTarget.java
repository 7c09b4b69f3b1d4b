package dev.gatehouse.core.authorization;

import dev.gatehouse.core.shared.CursorPage;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.Reason;
import dev.gatehouse.core.shared.Result;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * A relay target for tests: a real {@link Authorizer} (the local evaluator) behind switches that
 * fail the next writes and deletes, or run something before each, and that record what reached it.
 */
final class FlakyTarget implements Authorizer {
    private final Authorizer real;
    private int failuresLeft;
    private RuntimeException toThrow;
    private Runnable beforeEachChange = () -> { };
    final List<Object> applied = Collections.synchronizedList(new ArrayList<>());
    final List<Object> attempted = Collections.synchronizedList(new ArrayList<>());
    final List<Optional<ConsistencyToken>> checkTokens = Collections.synchronizedList(new ArrayList<>());

    FlakyTarget(Authorizer real) {
        this.real = real;
    }

    /** The next {@code n} writes and deletes fail as an unreachable engine does. */
    void failNext(int n) {
        failuresLeft = n;
    }

    /** The next write or delete throws {@code e}. */
    void throwNext(RuntimeException e) {
        toThrow = e;
    }

    void beforeEachChange(Runnable r) {
        beforeEachChange = r;
    }

    @Override
    public Result<Permissionship> check(ObjectRef resource, String permission, SubjectRef subject,
                                        Optional<ConsistencyToken> atLeastAsFresh) {
        checkTokens.add(atLeastAsFresh);
        return real.check(resource, permission, subject, atLeastAsFresh);
    }

    @Override
    public Result<CursorPage<String>> lookupResources(String resourceType, String permission, SubjectRef subject,
                                                      Optional<String> cursor, int limit) {
        return real.lookupResources(resourceType, permission, subject, cursor, limit);
    }

    @Override
    public Result<FoundSubjects> lookupSubjects(ObjectRef resource, String permission, String subjectType,
                                                Optional<String> subjectRelation) {
        return real.lookupSubjects(resource, permission, subjectType, subjectRelation);
    }

    @Override
    public Result<ConsistencyToken> write(List<RelationshipUpdate> updates) {
        return change(updates, () -> real.write(updates));
    }

    @Override
    public Result<ConsistencyToken> delete(RelationshipFilter filter) {
        return change(filter, () -> real.delete(filter));
    }

    private Result<ConsistencyToken> change(Object what, java.util.function.Supplier<Result<ConsistencyToken>> apply) {
        beforeEachChange.run();
        attempted.add(what);
        if (toThrow != null) {
            RuntimeException e = toThrow;
            toThrow = null;
            throw e;
        }
        if (failuresLeft > 0) {
            failuresLeft--;
            return Result.fail(Failure.of(Reason.UNAVAILABLE, "the authorization service did not answer (UNAVAILABLE)"));
        }
        Result<ConsistencyToken> r = apply.get();
        if (r.isOk()) {
            applied.add(what);
        }
        return r;
    }
}
