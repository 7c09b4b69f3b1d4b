package dev.gatehouse.core.authorization;

import java.util.Optional;

/**
 * One alternative after {@code relation name:}, for example {@code user}, {@code team#member},
 * {@code user:*}, {@code user with expiration} or {@code user with some_caveat}.
 */
public record AllowedSubjectType(String type, String relation, boolean wildcard, Optional<String> caveat,
                                 boolean expiration) {

    public AllowedSubjectType {
        if (relation == null) {
            relation = SubjectRef.ELLIPSIS;
        }
    }

    /** Whether a relationship to {@code subject} with or without expiration fits this alternative. */
    boolean admits(SubjectRef subject, boolean expiring) {
        return admits(subject, expiring, Optional.empty());
    }

    /** Whether a relationship to {@code subject} under {@code withCaveat}, with or without expiration, fits. */
    boolean admits(SubjectRef subject, boolean expiring, Optional<String> withCaveat) {
        if (!type.equals(subject.type()) || !caveat.equals(withCaveat) || expiration != expiring) {
            return false;
        }
        return subject.isWildcard() ? wildcard : !wildcard && relation.equals(subject.relation());
    }

    @Override
    public String toString() {
        String base = wildcard ? type + ":*" : SubjectRef.ELLIPSIS.equals(relation) ? type : type + "#" + relation;
        if (caveat.isPresent()) {
            return base + " with " + caveat.get() + (expiration ? " and expiration" : "");
        }
        return expiration ? base + " with expiration" : base;
    }
}
