package dev.gatehouse.core.authorization;

import java.util.HashSet;
import java.util.Set;

/**
 * A set of subject ids of one type, possibly infinite: the listed {@code members}, plus — with
 * {@code wildcard} — every id except the {@code excluded} ones. Set operations are exact: an id's
 * membership in a combination is the combination of its memberships, and ids mentioned by neither
 * operand behave like any unseen id.
 */
record SubjectSet(Set<String> members, boolean wildcard, Set<String> excluded) {
    static final SubjectSet EMPTY = new SubjectSet(Set.of(), false, Set.of());

    private interface Op {
        boolean apply(boolean left, boolean right);
    }

    private static final Op UNION = (a, b) -> a || b;
    private static final Op INTERSECTION = (a, b) -> a && b;
    private static final Op EXCLUSION = (a, b) -> a && !b;

    static SubjectSet of(String id) {
        return new SubjectSet(Set.of(id), false, Set.of());
    }

    static SubjectSet everyone() {
        return new SubjectSet(Set.of(), true, Set.of());
    }

    boolean contains(String id) {
        return members.contains(id) || (wildcard && !excluded.contains(id));
    }

    boolean isEmpty() {
        return !wildcard && members.isEmpty();
    }

    SubjectSet union(SubjectSet other) {
        if (other.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return other;
        }
        return combine(other, UNION);
    }

    SubjectSet intersect(SubjectSet other) {
        return isEmpty() || other.isEmpty() ? EMPTY : combine(other, INTERSECTION);
    }

    SubjectSet exclude(SubjectSet other) {
        return isEmpty() || other.isEmpty() ? this : combine(other, EXCLUSION);
    }

    private SubjectSet combine(SubjectSet other, Op op) {
        Set<String> mentioned = new HashSet<>(members);
        mentioned.addAll(excluded);
        mentioned.addAll(other.members);
        mentioned.addAll(other.excluded);
        boolean resultWildcard = op.apply(wildcard, other.wildcard);
        Set<String> in = new HashSet<>();
        Set<String> out = new HashSet<>();
        for (String id : mentioned) {
            if (op.apply(contains(id), other.contains(id))) {
                in.add(id);
            } else if (resultWildcard) {
                out.add(id);
            }
        }
        return new SubjectSet(Set.copyOf(in), resultWildcard, Set.copyOf(out));
    }
}
