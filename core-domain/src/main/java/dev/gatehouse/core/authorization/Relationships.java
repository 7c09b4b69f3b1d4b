package dev.gatehouse.core.authorization;

import dev.gatehouse.core.shared.Result;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The stored relationships, indexed both ways. Schema-agnostic: the {@link Authorizer} validates
 * relationships against its schema before writing them. Every change yields a new revision, a
 * monotonically increasing number that serves as the consistency token. Expired relationships are
 * stored and returned like any other; the evaluator ignores them.
 */
public interface Relationships {

    /**
     * Applies a batch atomically: either every update applies or none does. A CREATE of an existing
     * relationship fails the batch with {@code CONFLICT}; two updates of the same relationship in one
     * batch fail it with {@code VALIDATION}.
     *
     * @return the revision that contains the batch
     */
    Result<Long> write(List<RelationshipUpdate> updates);

    /**
     * Deletes every relationship the filter selects. An unrestricted filter fails with
     * {@code VALIDATION} rather than deleting everything.
     *
     * @return the revision after the deletion
     */
    Result<Long> deleteWhere(RelationshipFilter filter);

    /** The relationships {@code resource#relation@…}: the direct subjects of a relation. */
    List<Relationship> subjectsOf(ObjectRef resource, String relation);

    /**
     * The relationships of which {@code resource} is the resource, by relation: what
     * {@link #subjectsOf} answers for each relation, with the object looked up once (a check reads a
     * dozen relations of a few objects). Use it only within the read that obtained it (the same
     * transaction or snapshot).
     */
    default Function<String, List<Relationship>> relationsOf(ObjectRef resource) {
        return relation -> subjectsOf(resource, relation);
    }

    /**
     * The relationships whose subject is the object {@code subjectType:subjectId} (or the wildcard
     * {@code subjectType:*}), with the given subject relation, or any when empty: the reverse index.
     */
    List<Relationship> relatedTo(String subjectType, String subjectId, Optional<String> subjectRelation);

    /** Every relationship the filter selects, in no particular order. */
    List<Relationship> find(RelationshipFilter filter);

    /** The current revision: that of the last change, 0 before any. */
    long revision();
}
