package dev.gatehouse.core.memory;

import dev.gatehouse.core.authorization.ObjectRef;
import dev.gatehouse.core.authorization.Relationship;
import dev.gatehouse.core.authorization.RelationshipFilter;
import dev.gatehouse.core.authorization.RelationshipList;
import dev.gatehouse.core.authorization.RelationshipUpdate;
import dev.gatehouse.core.authorization.Relationships;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.Reason;
import dev.gatehouse.core.shared.Result;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Relationships in memory, indexed by resource object (one map from {@code type:id} to everything the
 * object is the resource of) for checks and by subject object (type → id) for reverse lookups. The
 * maps are plain: {@link MemoryTransactions} guards them (writers exclusive, readers shared) and
 * undoes a failed batch.
 *
 * <p>A check reads a dozen relations of a few objects, so {@link #relationsOf} is the hot path: one
 * map look-up per object, then a scan of one small array per relation read. Each object's
 * {@link Resource} holds its relations' names next to the immutable {@link RelationshipList}s that
 * reads hand out, each made by the first read after a change of its relation (so a write costs what
 * it did and a read copies nothing). Relation names are kept interned (one instance per name), so
 * comparing them reads the same few strings for every object.
 */
public final class MemoryRelationships implements Relationships {
    private final MemoryTransactions tx;
    private final Map<Relationship.Key, Relationship> all = new HashMap<>();
    private final Map<ObjectRef, Resource> byResource = new HashMap<>();
    private final Map<String, Map<String, Map<Relationship.Key, Relationship>>> bySubject = new HashMap<>();
    private long revision;

    public MemoryRelationships(MemoryTransactions tx) {
        this.tx = tx;
    }

    /** The relationships of one relation of one object, in write order. */
    private static final class Relation {
        final Map<Relationship.Key, Relationship> items = new LinkedHashMap<>();
    }

    /**
     * What one object is the resource of, by relation. Changed only under the write lock, read under
     * the shared one (so {@link #relationsOf}'s answer is for use within the read that obtained it).
     */
    private static final class Resource implements Function<String, List<Relationship>> {
        static final Resource NONE = new Resource();
        /** No relationships, as a list the evaluator reads without an iterator. */
        static final List<Relationship> EMPTY = RelationshipList.of(List.of());

        /** The relations, in the order of {@link #slots}. */
        private Relation[] relations = new Relation[0];
        /**
         * Relation i's interned name at 2i and, at 2i + 1, the list reads hand out: null after a change
         * of the relation, made by the first read after it. Readers share the lock and may race to set
         * it, each to an equal immutable list (final fields only, so safely seen by the others); a
         * change (exclusive) comes after all of them. One array, so a read finds name and list together.
         */
        private Object[] slots = new Object[0];

        @Override
        public List<Relationship> apply(String relation) {
            Object[] s = slots;
            for (int i = 0; i < s.length; i += 2) {
                String name = (String) s[i];
                if (name == relation || name.hashCode() == relation.hashCode() && name.equals(relation)) {
                    Object list = s[i + 1];
                    if (list == null) {
                        list = RelationshipList.of(relations[i / 2].items.values());
                        s[i + 1] = list;
                    }
                    return (RelationshipList) list;
                }
            }
            return EMPTY;
        }

        boolean isEmpty() {
            return relations.length == 0;
        }

        /** The position of {@code relation}, or -1. */
        int indexOf(String relation) {
            for (int i = 0; i < relations.length; i++) {
                if (slots[2 * i].equals(relation)) {
                    return i;
                }
            }
            return -1;
        }

        /** The relationships of {@code relation} to change (its list is made again by the next read). */
        Map<Relationship.Key, Relationship> change(String relation) {
            int i = indexOf(relation);
            if (i < 0) {
                i = relations.length;
                relations = Arrays.copyOf(relations, i + 1);
                relations[i] = new Relation();
                slots = Arrays.copyOf(slots, 2 * i + 2);
                slots[2 * i] = relation.intern();
            }
            slots[2 * i + 1] = null;
            return relations[i].items;
        }

        /** Removes a relationship of {@code relation}, and the relation once it has none. */
        void remove(String relation, Relationship.Key key) {
            int i = indexOf(relation);
            if (i < 0) {
                return;
            }
            slots[2 * i + 1] = null;
            Map<Relationship.Key, Relationship> items = relations[i].items;
            items.remove(key);
            if (items.isEmpty()) {
                int last = relations.length - 1;
                relations[i] = relations[last];
                slots[2 * i] = slots[2 * last];
                slots[2 * i + 1] = slots[2 * last + 1];
                relations = Arrays.copyOf(relations, last);
                slots = Arrays.copyOf(slots, 2 * last);
            }
        }

        void addAllTo(List<Relationship> out) {
            for (Relation r : relations) {
                out.addAll(r.items.values());
            }
        }
    }

    @Override
    public Result<Long> write(List<RelationshipUpdate> updates) {
        return tx.inTransaction(() -> {
            Set<Relationship.Key> seen = new HashSet<>();
            for (RelationshipUpdate u : updates) {
                if (!seen.add(u.relationship().key())) {
                    return Result.fail(Reason.VALIDATION,
                            "the batch updates " + u.relationship().key() + " more than once");
                }
            }
            // Check every CREATE before writing anything: a failed batch must leave no partial
            // writes even when an enclosing transaction goes on to commit.
            for (RelationshipUpdate u : updates) {
                if (u.operation() == RelationshipUpdate.Operation.CREATE && all.containsKey(u.relationship().key())) {
                    return Result.fail(Failure.conflict("relationship " + u.relationship().key() + " already exists"));
                }
            }
            for (RelationshipUpdate u : updates) {
                Relationship r = u.relationship();
                Relationship existing = all.get(r.key());
                switch (u.operation()) {
                    case CREATE -> tx.write(() -> put(r), () -> remove(r));
                    case TOUCH -> tx.write(() -> put(r), () -> {
                        if (existing == null) {
                            remove(r);
                        } else {
                            put(existing);
                        }
                    });
                    case DELETE -> {
                        if (existing != null) {
                            tx.write(() -> remove(existing), () -> put(existing));
                        }
                    }
                }
            }
            return Result.ok(nextRevision());
        });
    }

    @Override
    public Result<Long> deleteWhere(RelationshipFilter filter) {
        if (filter.isUnrestricted()) {
            return Result.fail(Reason.VALIDATION, "a delete filter must name at least one field");
        }
        return tx.inTransaction(() -> {
            for (Relationship r : find(filter)) {
                tx.write(() -> remove(r), () -> put(r));
            }
            return Result.ok(nextRevision());
        });
    }

    @Override
    public List<Relationship> subjectsOf(ObjectRef resource, String relation) {
        return tx.read(() -> {
            Resource found = byResource.get(resource);
            return found == null ? Resource.EMPTY : found.apply(relation);
        });
    }

    /** The object's relations: use the answer only within the read (transaction) that obtained it. */
    @Override
    public Function<String, List<Relationship>> relationsOf(ObjectRef resource) {
        return tx.read(() -> {
            Resource found = byResource.get(resource);
            return found == null ? Resource.NONE : found;
        });
    }

    @Override
    public List<Relationship> relatedTo(String subjectType, String subjectId, Optional<String> subjectRelation) {
        return tx.read(() -> {
            Map<String, Map<Relationship.Key, Relationship>> ids = bySubject.get(subjectType);
            Map<Relationship.Key, Relationship> found = ids == null ? null : ids.get(subjectId);
            if (found == null) {
                return List.of();
            }
            if (subjectRelation.isEmpty()) {
                return List.copyOf(found.values());
            }
            List<Relationship> matching = new ArrayList<>();
            for (Relationship r : found.values()) {
                if (r.subject().relation().equals(subjectRelation.get())) {
                    matching.add(r);
                }
            }
            return matching;
        });
    }

    @Override
    public List<Relationship> find(RelationshipFilter filter) {
        return tx.read(() -> {
            Iterable<Relationship> candidates;
            if (filter.resourceType().isPresent() && filter.resourceId().isPresent()) {
                String type = filter.resourceType().get();
                String id = filter.resourceId().get();
                // no stored resource has an invalid name (an ObjectRef could not hold it)
                Resource found = ObjectRef.isValidType(type) && ObjectRef.isValidId(id)
                        ? byResource.get(new ObjectRef(type, id)) : null;
                List<Relationship> some = new ArrayList<>();
                if (found != null) {
                    found.addAllTo(some);
                }
                candidates = some;
            } else if (filter.subjectType().isPresent() && filter.subjectId().isPresent()) {
                var ids = bySubject.get(filter.subjectType().get());
                var found = ids == null ? null : ids.get(filter.subjectId().get());
                candidates = found == null ? List.of() : found.values();
            } else {
                candidates = all.values();
            }
            List<Relationship> result = new ArrayList<>();
            for (Relationship r : candidates) {
                if (filter.matches(r)) {
                    result.add(r);
                }
            }
            return result;
        });
    }

    @Override
    public long revision() {
        return tx.read(() -> revision);
    }

    private long nextRevision() {
        long before = revision;
        tx.write(() -> revision = before + 1, () -> revision = before);
        return before + 1;
    }

    private void put(Relationship r) {
        Relationship.Key key = r.key();
        all.put(key, r);
        byResource.computeIfAbsent(r.resource(), o -> new Resource()).change(r.relation()).put(key, r);
        bySubject.computeIfAbsent(r.subject().type(), t -> new HashMap<>())
                .computeIfAbsent(r.subject().id(), i -> new LinkedHashMap<>())
                .put(key, r);
    }

    private void remove(Relationship r) {
        Relationship.Key key = r.key();
        all.remove(key);
        Resource resource = byResource.get(r.resource());
        if (resource != null) {
            resource.remove(r.relation(), key);
            if (resource.isEmpty()) {
                byResource.remove(r.resource());
            }
        }
        var subjectIds = bySubject.get(r.subject().type());
        var bySubjectId = subjectIds == null ? null : subjectIds.get(r.subject().id());
        if (bySubjectId != null) {
            bySubjectId.remove(key);
            if (bySubjectId.isEmpty()) {
                subjectIds.remove(r.subject().id());
            }
        }
    }
}
