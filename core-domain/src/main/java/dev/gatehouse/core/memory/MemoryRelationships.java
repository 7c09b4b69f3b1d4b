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
 * map look-up per object, then a scan of a small array per relation. Each object keeps, next to its
 * relationships (by relation, in write order), an immutable {@link Relations} that reads hand out:
 * the relation names with their hashes and one {@link RelationshipList} per relation, made by the
 * first read after a change and dropped by the next change (so a write costs what it did, a read
 * copies nothing, and what a read handed out never changes). Relation names are kept interned (one
 * instance per name), so comparing them reads the same few strings for every object.
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

    /** What one object is the resource of: its relations' relationships, and what reads hand out. */
    private static final class Resource {
        final Map<String, Relation> relations = new HashMap<>(4);
        /** Null after a change; made by the first read after it (readers may race, to equal values). */
        Relations read;

        Relations read() {
            Relations r = read;
            if (r == null) {
                r = new Relations(relations);
                read = r;
            }
            return r;
        }
    }

    /** The relationships of one relation of one object, in write order, and the list reads hand out. */
    private static final class Relation {
        final Map<Relationship.Key, Relationship> items = new LinkedHashMap<>();
        /**
         * Null after a change; made by the first read after it. Readers share the lock and may race to
         * set it, each to an equal immutable list; a change (exclusive) comes after all of them.
         */
        RelationshipList read;

        RelationshipList read() {
            RelationshipList list = read;
            if (list == null) {
                list = RelationshipList.of(items.values());
                read = list;
            }
            return list;
        }
    }

    /**
     * The relations of one object as a check reads them: immutable (final fields only, so it may be
     * shared between readers without a lock), looked up by a scan of the names' hashes.
     */
    private static final class Relations implements Function<String, List<Relationship>> {
        static final Relations NONE = new Relations(Map.of());
        /** No relationships, as a list the evaluator reads without an iterator. */
        static final List<Relationship> EMPTY = RelationshipList.of(List.of());

        private final int[] hashes;
        private final String[] names;
        private final RelationshipList[] lists;

        Relations(Map<String, Relation> relations) {
            int n = relations.size();
            hashes = new int[n];
            names = new String[n];
            lists = new RelationshipList[n];
            int i = 0;
            for (Map.Entry<String, Relation> e : relations.entrySet()) {
                names[i] = e.getKey();
                hashes[i] = e.getKey().hashCode();
                lists[i] = e.getValue().read();
                i++;
            }
        }

        @Override
        public List<Relationship> apply(String relation) {
            int hash = relation.hashCode();
            int[] h = hashes;
            for (int i = 0; i < h.length; i++) {
                if (h[i] == hash && names[i].equals(relation)) {
                    return lists[i];
                }
            }
            return EMPTY;
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
        return relationsOf(resource).apply(relation);
    }

    /** The object's relations as of this read: use it only within the read (it does not follow later writes). */
    @Override
    public Function<String, List<Relationship>> relationsOf(ObjectRef resource) {
        return tx.read(() -> {
            Resource found = byResource.get(resource);
            return found == null ? Relations.NONE : found.read();
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
                    found.relations.values().forEach(m -> some.addAll(m.items.values()));
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
        Resource resource = byResource.computeIfAbsent(r.resource(), o -> new Resource());
        resource.read = null;
        Relation relation = resource.relations.computeIfAbsent(
                r.relation().intern(), x -> new Relation());
        relation.read = null;
        relation.items.put(key, r);
        bySubject.computeIfAbsent(r.subject().type(), t -> new HashMap<>())
                .computeIfAbsent(r.subject().id(), i -> new LinkedHashMap<>())
                .put(key, r);
    }

    private void remove(Relationship r) {
        Relationship.Key key = r.key();
        all.remove(key);
        Resource resource = byResource.get(r.resource());
        Relation relation = resource == null ? null : resource.relations.get(r.relation());
        if (relation != null) {
            resource.read = null;
            relation.read = null;
            relation.items.remove(key);
            if (relation.items.isEmpty()) {
                resource.relations.remove(r.relation());
                if (resource.relations.isEmpty()) {
                    byResource.remove(r.resource());
                }
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
