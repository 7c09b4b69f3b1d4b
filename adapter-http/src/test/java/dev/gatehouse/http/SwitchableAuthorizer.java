package dev.gatehouse.http;

import dev.gatehouse.core.authorization.Authorizer;
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
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** Delegates to a real authorizer, or answers every read with a set failure (an engine down, an aborted evaluation). */
final class SwitchableAuthorizer implements Authorizer {
    private final Authorizer delegate;
    private final AtomicReference<Failure> failing = new AtomicReference<>();

    SwitchableAuthorizer(Authorizer delegate) {
        this.delegate = delegate;
    }

    void failWith(Failure failure) {
        failing.set(failure);
    }

    void recover() {
        failing.set(null);
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
    public Result<ConsistencyToken> write(List<RelationshipUpdate> updates) {
        return delegate.write(updates);
    }

    @Override
    public Result<ConsistencyToken> delete(RelationshipFilter filter) {
        return delegate.delete(filter);
    }
}
