package dev.gatehouse.core.authorization;

import java.util.Objects;

/** One change in a batch written to {@link Relationships}. */
public record RelationshipUpdate(Operation operation, Relationship relationship) {

    public enum Operation {
        /** Adds the relationship; the batch fails if it exists. */
        CREATE,
        /** Adds the relationship or replaces its expiration. */
        TOUCH,
        /** Removes the relationship if it exists (its expiration is ignored). */
        DELETE
    }

    public RelationshipUpdate {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(relationship, "relationship");
    }

    public static RelationshipUpdate create(Relationship r) {
        return new RelationshipUpdate(Operation.CREATE, r);
    }

    public static RelationshipUpdate touch(Relationship r) {
        return new RelationshipUpdate(Operation.TOUCH, r);
    }

    public static RelationshipUpdate delete(Relationship r) {
        return new RelationshipUpdate(Operation.DELETE, r);
    }
}
