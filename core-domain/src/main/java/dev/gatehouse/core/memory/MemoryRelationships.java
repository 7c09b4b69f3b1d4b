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
 * Relationships in memory, indexed by resource (type → id → relation) for checks and by subject
 * object (type → id) for reverse lookups. The maps are plain: {@link MemoryTransactions} guards them
 * (writers exclusive, readers shared) and undoes a failed batch.
 *
 * <p>A check reads a dozen relations of a few objects, so {@link #subjectsOf} is the hot path: it
 * takes no lock of its own inside a transaction (the authorizer reads in one) and copies nothing. Each
 * relation of an object keeps, next to its relationships, an immutable {@link RelationshipList} of
 * them that reads hand out: made by the first read after a change, dropped by the next change (so a
 * write costs what it did, and a list handed out never changes).
 */
public final class MemoryRelationships implements Relationships {
    private final MemoryTransactions tx;
    private final Map<Relationship.Key, Relationship> all = new HashMap<>();
    private final Map<String, Map<String, Map<String, Relation>>> byResource = new HashMap<>();
    private final Map<String, Map<String, Map<Relationship.Key, Relationship>>> bySubject = new HashMap<>();
    private long revision;

    public MemoryRelationships(MemoryTransactions tx) {
        this.tx = tx;
    }

    /** The relationships of one relation of one object, in write order, and the list reads hand out. */
    private static final class Relation {
        final Map<Relationship.Key, Relationship> items = new LinkedHashMap<>();
        /**
         * Null after a change; made by the first read after it. Readers share the lock and may race to
         * set it, each to an equal immutable list; a change (exclusive) comes after all of them.
         */
        RelationshipList read;

        Map<Relationship.Key, Relationship> changed() {
            read = null;
            return items;
        }

        RelationshipList read() {
            RelationshipList list = read;
            if (list == null) {
                list = RelationshipList.of(items.values());
                read = list;
            }
            return list;
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
            Map<String, Map<String, Relation>> ids = byResource.get(resource.type());
            Map<String, Relation> relations = ids == null ? null : ids.get(resource.id());
            Relation found = relations == null ? null : relations.get(relation);
            return found == null ? List.of() : found.read();
        });
    }

    @Override
    public Function<String, List<Relationship>> relationsOf(ObjectRef resource) {
        Map<String, Relation> relations = tx.read(() -> {
            Map<String, Map<String, Relation>> ids = byResource.get(resource.type());
            return ids == null ? null : ids.get(resource.id());
        });
        if (relations == null) {
            return relation -> List.of();
        }
        return relation -> tx.read(() -> {
            Relation found = relations.get(relation);
            return found == null ? List.of() : found.read();
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
                var ids = byResource.get(filter.resourceType().get());
                var relations = ids == null ? null : ids.get(filter.resourceId().get());
                List<Relationship> some = new ArrayList<>();
                if (relations != null) {
                    relations.values().forEach(m -> some.addAll(m.items.values()));
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
        byResource.computeIfAbsent(r.resource().type(), t -> new HashMap<>())
                .computeIfAbsent(r.resource().id(), i -> new HashMap<>())
                .computeIfAbsent(r.relation(), x -> new Relation())
                .changed().put(key, r);
        bySubject.computeIfAbsent(r.subject().type(), t -> new HashMap<>())
                .computeIfAbsent(r.subject().id(), i -> new LinkedHashMap<>())
                .put(key, r);
    }

    private void remove(Relationship r) {
        Relationship.Key key = r.key();
        all.remove(key);
        var ids = byResource.get(r.resource().type());
        var relations = ids == null ? null : ids.get(r.resource().id());
        var subjects = relations == null ? null : relations.get(r.relation());
        if (subjects != null) {
            subjects.changed().remove(key);
            if (subjects.items.isEmpty()) {
                relations.remove(r.relation());
                if (relations.isEmpty()) {
                    ids.remove(r.resource().id());
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
