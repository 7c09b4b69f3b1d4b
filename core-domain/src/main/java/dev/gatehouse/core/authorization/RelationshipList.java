package dev.gatehouse.core.authorization;

import java.util.AbstractList;
import java.util.Collection;
import java.util.RandomAccess;

/**
 * An immutable list of relationships (those of one relation of one object, as the stores hand them
 * to the evaluator) with what a check asks of every one of them worked out once: the hash of each
 * subject's id, whether any subject is a wildcard, whether any is a subject set. A check then finds
 * the relationships that can name its subject from one array of hashes, without touching the
 * relationships that cannot (on a large data set each of those is a cache miss or four).
 */
public final class RelationshipList extends AbstractList<Relationship> implements RandomAccess {
    private static final RelationshipList EMPTY = new RelationshipList(new Relationship[0]);

    private final Relationship[] items;
    private final int[] subjectIdHashes;
    private final boolean wildcards;
    private final boolean subjectSets;

    private RelationshipList(Relationship[] items) {
        this.items = items;
        this.subjectIdHashes = new int[items.length];
        boolean anyWildcard = false;
        boolean anySubjectSet = false;
        for (int i = 0; i < items.length; i++) {
            SubjectRef s = items[i].subject();
            subjectIdHashes[i] = s.id().hashCode();
            anyWildcard |= s.isWildcard();
            anySubjectSet |= s.hasRelation();
        }
        this.wildcards = anyWildcard;
        this.subjectSets = anySubjectSet;
    }

    /** The relationships, in their order (a copy: later changes to {@code relationships} do not show). */
    public static RelationshipList of(Collection<Relationship> relationships) {
        if (relationships instanceof RelationshipList list) {
            return list;
        }
        return relationships.isEmpty() ? EMPTY : new RelationshipList(relationships.toArray(new Relationship[0]));
    }

    @Override
    public Relationship get(int index) {
        return items[index];
    }

    @Override
    public int size() {
        return items.length;
    }

    /** Whether a subject is a wildcard ({@code user:*}). */
    public boolean hasWildcard() {
        return wildcards;
    }

    /** Whether a subject is a subject set ({@code team:core#member}). */
    public boolean hasSubjectSet() {
        return subjectSets;
    }

    /**
     * The position of the next relationship from {@code from} on whose subject's id may be
     * {@code subjectId} (its hash is that id's), or {@link #size()} when none: the relationships
     * skipped cannot name that subject.
     */
    public int nextWithSubjectId(String subjectId, int from) {
        int hash = subjectId.hashCode();
        int[] hashes = subjectIdHashes;
        for (int i = from; i < hashes.length; i++) {
            if (hashes[i] == hash) {
                return i;
            }
        }
        return hashes.length;
    }
}
