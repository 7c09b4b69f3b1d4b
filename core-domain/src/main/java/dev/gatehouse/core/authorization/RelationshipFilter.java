package dev.gatehouse.core.authorization;

import java.util.Objects;
import java.util.Optional;

/**
 * Selects relationships by any combination of their fields; an empty field matches everything.
 * {@code subjectRelation} {@value SubjectRef#ELLIPSIS} selects subjects without a relation.
 */
public record RelationshipFilter(Optional<String> resourceType, Optional<String> resourceId, Optional<String> relation,
                                 Optional<String> subjectType, Optional<String> subjectId,
                                 Optional<String> subjectRelation) {

    private static final RelationshipFilter ANY = new RelationshipFilter(Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    public RelationshipFilter {
        Objects.requireNonNull(resourceType);
        Objects.requireNonNull(resourceId);
        Objects.requireNonNull(relation);
        Objects.requireNonNull(subjectType);
        Objects.requireNonNull(subjectId);
        Objects.requireNonNull(subjectRelation);
    }

    /** Matches every relationship; narrow it with the {@code with…} methods. */
    public static RelationshipFilter any() {
        return ANY;
    }

    public static RelationshipFilter ofResource(ObjectRef resource) {
        return ANY.withResourceType(resource.type()).withResourceId(resource.id());
    }

    public static RelationshipFilter ofSubject(SubjectRef subject) {
        return ANY.withSubjectType(subject.type()).withSubjectId(subject.id()).withSubjectRelation(subject.relation());
    }

    public RelationshipFilter withResourceType(String v) {
        return new RelationshipFilter(Optional.of(v), resourceId, relation, subjectType, subjectId, subjectRelation);
    }

    public RelationshipFilter withResourceId(String v) {
        return new RelationshipFilter(resourceType, Optional.of(v), relation, subjectType, subjectId, subjectRelation);
    }

    public RelationshipFilter withRelation(String v) {
        return new RelationshipFilter(resourceType, resourceId, Optional.of(v), subjectType, subjectId, subjectRelation);
    }

    public RelationshipFilter withSubjectType(String v) {
        return new RelationshipFilter(resourceType, resourceId, relation, Optional.of(v), subjectId, subjectRelation);
    }

    public RelationshipFilter withSubjectId(String v) {
        return new RelationshipFilter(resourceType, resourceId, relation, subjectType, Optional.of(v), subjectRelation);
    }

    public RelationshipFilter withSubjectRelation(String v) {
        return new RelationshipFilter(resourceType, resourceId, relation, subjectType, subjectId, Optional.of(v));
    }

    /** True when no field is set: such a filter would select (or delete) everything. */
    public boolean isUnrestricted() {
        return resourceType.isEmpty() && resourceId.isEmpty() && relation.isEmpty()
                && subjectType.isEmpty() && subjectId.isEmpty() && subjectRelation.isEmpty();
    }

    public boolean matches(Relationship r) {
        return matches(resourceType, r.resource().type())
                && matches(resourceId, r.resource().id())
                && matches(relation, r.relation())
                && matches(subjectType, r.subject().type())
                && matches(subjectId, r.subject().id())
                && matches(subjectRelation, r.subject().relation());
    }

    private static boolean matches(Optional<String> wanted, String actual) {
        return wanted.isEmpty() || wanted.get().equals(actual);
    }
}
