package dev.gatehouse.core.authorization;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The candidates of a lookup-resources request: walks from the subject towards resources along
 * relationships (reverse index), permissions computed from a relation, and arrows, collecting the
 * objects of the requested type whose requested permission the subject may reach. It ignores what
 * intersections and exclusions take away, so the result is a superset; the caller checks each
 * candidate. Every node is visited once, so cycles in the data terminate.
 */
final class ReachableResources {
    private final Schema schema;
    private final Relationships store;
    private final Instant now;
    private final Set<NodeKey> visited = new HashSet<>();
    private final Deque<NodeKey> pending = new ArrayDeque<>();
    private final Map<String, List<Relationship>> relatedToObject = new HashMap<>();

    ReachableResources(Schema schema, Relationships store, Instant now) {
        this.schema = schema;
        this.store = store;
        this.now = now;
    }

    /** Ids of {@code resourceType} objects whose {@code permission} the subject may reach, ascending. */
    TreeSet<String> candidates(String resourceType, String permission, SubjectRef subject) {
        if (subject.hasRelation()) {
            reach(subject.type(), subject.id(), subject.relation());
        } else {
            enterFrom(store.relatedTo(subject.type(), subject.id(), Optional.of(SubjectRef.ELLIPSIS)));
            enterFrom(store.relatedTo(subject.type(), SubjectRef.WILDCARD, Optional.of(SubjectRef.ELLIPSIS)));
        }
        while (!pending.isEmpty()) {
            NodeKey node = pending.poll();
            enterFrom(store.relatedTo(node.type(), node.id(), Optional.of(node.relation())));
            for (String p : schema.permissionsComputedFrom(node.type(), node.relation())) {
                reach(node.type(), node.id(), p);
            }
            List<Schema.ArrowEntry> arrows = schema.arrowsInto(node.type(), node.relation());
            if (!arrows.isEmpty()) {
                for (Relationship r : relatedToObject(node.type(), node.id())) {
                    for (Schema.ArrowEntry arrow : arrows) {
                        if (arrow.resourceType().equals(r.resource().type()) && arrow.tupleset().equals(r.relation())) {
                            reach(r.resource().type(), r.resource().id(), arrow.permission());
                        }
                    }
                }
            }
        }
        TreeSet<String> ids = new TreeSet<>();
        for (NodeKey node : visited) {
            if (node.type().equals(resourceType) && node.relation().equals(permission)) {
                ids.add(node.id());
            }
        }
        return ids;
    }

    private void enterFrom(List<Relationship> relationships) {
        for (Relationship r : relationships) {
            if (!r.expiredAt(now)) {
                reach(r.resource().type(), r.resource().id(), r.relation());
            }
        }
    }

    private List<Relationship> relatedToObject(String type, String id) {
        return relatedToObject.computeIfAbsent(type + ":" + id,
                k -> store.relatedTo(type, id, Optional.empty()).stream().filter(r -> !r.expiredAt(now)).toList());
    }

    private void reach(String type, String id, String relation) {
        NodeKey node = new NodeKey(type, id, relation);
        if (visited.add(node)) {
            pending.add(node);
        }
    }
}
