package dev.gatehouse.core.authorization;

import dev.gatehouse.core.shared.CursorPage;
import dev.gatehouse.core.shared.Result;

import java.util.List;
import java.util.Optional;

/**
 * Answers permission questions over a SpiceDB schema and its relationships, and changes the
 * relationships. Implemented locally ({@link LocalAuthorizer}) and by SpiceDB itself. An error or an
 * undecidable answer (cycle, depth limit) is a failure; callers deny on any failure.
 */
public interface Authorizer {

    /** Whether {@code subject} has {@code permission} (or relation) on {@code resource}. */
    Result<Permissionship> check(ObjectRef resource, String permission, SubjectRef subject,
                                 Optional<ConsistencyToken> atLeastAsFresh);

    default Result<Permissionship> check(ObjectRef resource, String permission, SubjectRef subject) {
        return check(resource, permission, subject, Optional.empty());
    }

    /**
     * The ids of the resources of {@code resourceType} on which {@code subject} has
     * {@code permission}, in ascending order, {@code limit} at a time.
     */
    Result<CursorPage<String>> lookupResources(String resourceType, String permission, SubjectRef subject,
                                               Optional<String> cursor, int limit);

    /**
     * The subjects of {@code subjectType} (with {@code subjectRelation}, or plain objects when empty)
     * that have {@code permission} on {@code resource}, including a wildcard when one applies.
     */
    Result<FoundSubjects> lookupSubjects(ObjectRef resource, String permission, String subjectType,
                                         Optional<String> subjectRelation);

    /** Applies the updates atomically after validating them against the schema. */
    Result<ConsistencyToken> write(List<RelationshipUpdate> updates);

    /** Deletes the relationships the filter selects. */
    Result<ConsistencyToken> delete(RelationshipFilter filter);
}
