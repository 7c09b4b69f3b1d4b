package dev.gatehouse.core.authorization;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which relations and permissions a lookup-resources walk for {@code resourceType#permission} needs to
 * visit, read from the schema alone (before any data). Starting at the requested permission it goes
 * down the expression trees the way a subject can enter the result: every child of a union; one child
 * of an intersection (a resource in the result is in every child, so entering from one finds it; the
 * child chosen is one that needs no wildcard relation, when there is one); only the base of an
 * exclusion (an excluded relation never adds a subject, so a wildcard-only relation used to exclude,
 * like {@code environment#production}, is never enumerated); arrows to the target on each type the
 * tupleset allows; relations to the subject sets they admit; {@code self} to the subject itself
 * (the walk starts at the subject's own permission when the subject is an object of that type).
 *
 * <p>The walk then enters a node only when its kind ({@code type#relation}) is needed, reads the
 * subject sets of a node ({@code relatedTo(type, id, relation)}) only when a needed relation admits
 * that subject set, and reads wildcard relationships only for needed relations that admit the
 * subject's wildcard. So its work is bounded by the relationships the subject reaches, not by the
 * number of objects in the system. The candidates stay a superset of the answer (each is checked),
 * for data the schema admits.
 */
final class LookupPlan {
    private final Set<String> needed = new HashSet<>();
    /** Needed relations that admit a subject set, as the subject set's kind {@code type#relation}. */
    private final Set<String> subjectSets = new HashSet<>();
    /** Needed relations {@code type#relation} that admit a wildcard subject, by the wildcard's type. */
    private final Map<String, Set<String>> wildcards = new HashMap<>();
    /** Needed permissions {@code type#permission} a subject enters through {@code self}, by type. */
    private final Map<String, Set<String>> selfPermissions = new HashMap<>();
    private final Schema schema;

    private LookupPlan(Schema schema) {
        this.schema = schema;
    }

    static LookupPlan of(Schema schema, String resourceType, String permission) {
        LookupPlan plan = new LookupPlan(schema);
        plan.visit(resourceType, permission);
        return plan;
    }

    /** Whether the walk must enter nodes {@code type:…#relation}. */
    boolean needs(String type, String relation) {
        return needed.contains(kind(type, relation));
    }

    /** Whether some needed relation admits the subject set {@code type:…#relation}. */
    boolean readsSubjectSetsOf(String type, String relation) {
        return subjectSets.contains(kind(type, relation));
    }

    /** The needed relations, {@code type#relation}, that admit {@code subjectType:*}. */
    Set<String> wildcardRelations(String subjectType) {
        return wildcards.getOrDefault(subjectType, Set.of());
    }

    /** The needed permissions of {@code subjectType} that hold for the subject itself through {@code self}. */
    Set<String> selfPermissions(String subjectType) {
        return selfPermissions.getOrDefault(subjectType, Set.of());
    }

    private void visit(String type, String name) {
        if (!needed.add(kind(type, name))) {
            return;
        }
        TypeDefinition definition = schema.definitionOrNull(type);
        if (definition == null) {
            return;
        }
        Expression expression = definition.permissionOrNull(name);
        if (expression != null) {
            enter(definition, name, expression);
            return;
        }
        for (AllowedSubjectType allowed : definition.allowedSubjects(name)) {
            if (allowed.wildcard()) {
                wildcards.computeIfAbsent(allowed.type(), k -> new LinkedHashSet<>()).add(kind(type, name));
            } else if (!SubjectRef.ELLIPSIS.equals(allowed.relation())) {
                subjectSets.add(kind(allowed.type(), allowed.relation()));
                visit(allowed.type(), allowed.relation());
            }
        }
    }

    private void enter(TypeDefinition definition, String permission, Expression e) {
        if (e instanceof Expression.Union u) {
            u.children().forEach(c -> enter(definition, permission, c));
        } else if (e instanceof Expression.Intersection i) {
            enter(definition, permission, cheapest(definition, i.children()));
        } else if (e instanceof Expression.Exclusion x) {
            enter(definition, permission, x.base());
        } else if (e instanceof Expression.Self) {
            // the subject itself, when it is an object of this type: the walk starts there
            selfPermissions.computeIfAbsent(definition.name(), k -> new LinkedHashSet<>()).add(permission);
        } else if (e instanceof Expression.Reference r) {
            visit(definition.name(), r.name());
        } else if (e instanceof Expression.Arrow a) {
            for (AllowedSubjectType s : definition.allowedSubjects(a.tupleset())) {
                TypeDefinition target = schema.definitionOrNull(s.type());
                if (target != null && target.has(a.target())) {
                    visit(s.type(), a.target());
                }
            }
        }
    }

    /** The first child that needs no wildcard relation, else the first. */
    private Expression cheapest(TypeDefinition definition, List<Expression> children) {
        for (Expression child : children) {
            if (!reachesWildcard(definition, child, new HashSet<>())) {
                return child;
            }
        }
        return children.get(0);
    }

    private boolean reachesWildcard(TypeDefinition definition, Expression e, Set<String> seen) {
        if (e instanceof Expression.Union u) {
            return u.children().stream().anyMatch(c -> reachesWildcard(definition, c, seen));
        }
        if (e instanceof Expression.Intersection i) {
            return i.children().stream().allMatch(c -> reachesWildcard(definition, c, seen));
        }
        if (e instanceof Expression.Exclusion x) {
            return reachesWildcard(definition, x.base(), seen);
        }
        if (e instanceof Expression.Reference r) {
            return reachesWildcard(definition, r.name(), seen);
        }
        if (e instanceof Expression.Arrow a) {
            for (AllowedSubjectType s : definition.allowedSubjects(a.tupleset())) {
                TypeDefinition target = schema.definitionOrNull(s.type());
                if (target != null && target.has(a.target()) && reachesWildcard(target, a.target(), seen)) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean reachesWildcard(TypeDefinition definition, String name, Set<String> seen) {
        if (!seen.add(kind(definition.name(), name))) {
            return false;
        }
        Expression expression = definition.permissionOrNull(name);
        if (expression != null) {
            return reachesWildcard(definition, expression, seen);
        }
        for (AllowedSubjectType allowed : definition.allowedSubjects(name)) {
            if (allowed.wildcard()) {
                return true;
            }
            if (!SubjectRef.ELLIPSIS.equals(allowed.relation())) {
                TypeDefinition set = schema.definitionOrNull(allowed.type());
                if (set != null && reachesWildcard(set, allowed.relation(), seen)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String kind(String type, String relation) {
        return type + "#" + relation;
    }
}
