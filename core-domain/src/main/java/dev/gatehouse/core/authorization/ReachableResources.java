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
 * candidate. Every node is visited once, so cycles in the data terminate. The {@link LookupPlan}
 * prunes the walk to the nodes that can lead to the requested permission, so its reads are bounded
 * by what the subject reaches, not by the size of the system.
 */
final class ReachableResources {
    private final Schema schema;
    private final Relationships store;
    private final Instant now;
    private LookupPlan plan;
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
        return candidates(LookupPlan.of(schema, resourceType, permission), resourceType, permission, subject);
    }

    TreeSet<String> candidates(LookupPlan plan, String resourceType, String permission, SubjectRef subject) {
        this.plan = plan;
        if (subject.hasRelation()) {
            // the subject set itself: always entered, whatever the plan says of its kind
            NodeKey start = new NodeKey(subject.type(), subject.id(), subject.relation());
            visited.add(start);
            pending.add(start);
        } else {
            enterFrom(store.relatedTo(subject.type(), subject.id(), Optional.of(SubjectRef.ELLIPSIS)));
            for (String kind : plan.wildcardRelations(subject.type())) {
                int hash = kind.indexOf('#');
                enterFrom(store.find(RelationshipFilter.any().withResourceType(kind.substring(0, hash))
                        .withRelation(kind.substring(hash + 1)).withSubjectType(subject.type())
                        .withSubjectId(SubjectRef.WILDCARD).withSubjectRelation(SubjectRef.ELLIPSIS)));
            }
            // `self`: the subject's own permissions that name it, as SpiceDB's lookup finds them
            for (String p : plan.selfPermissions(subject.type())) {
                reach(subject.type(), subject.id(), p);
            }
        }
        while (!pending.isEmpty()) {
            NodeKey node = pending.poll();
            if (plan.readsSubjectSetsOf(node.type(), node.relation())) {
                enterFrom(store.relatedTo(node.type(), node.id(), Optional.of(node.relation())));
            }
            for (String p : schema.permissionsComputedFrom(node.type(), node.relation())) {
                reach(node.type(), node.id(), p);
            }
            List<Schema.ArrowEntry> arrows = schema.arrowsInto(node.type(), node.relation()).stream()
                    .filter(a -> plan.needs(a.resourceType(), a.permission())).toList();
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
        if (!plan.needs(type, relation)) {
            return;
        }
        NodeKey node = new NodeKey(type, id, relation);
        if (visited.add(node)) {
            pending.add(node);
        }
    }
}
