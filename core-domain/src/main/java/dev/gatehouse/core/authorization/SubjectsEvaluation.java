package dev.gatehouse.core.authorization;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * One lookup-subjects request: computes, for a node {@code type:id#relation}, the set of subjects of
 * one type and relation that are its members, with the same rules as {@link CheckEvaluation} (an
 * object set is a member of itself, wildcards match plain subjects only, arrows ignore the subject
 * relation, expired relationships count for nothing). A cycle in the data or a depth beyond
 * {@link CheckEvaluation#MAX_DEPTH} aborts the request.
 */
final class SubjectsEvaluation {
    private final Schema schema;
    private final Relationships store;
    private final Instant now;
    private final String subjectType;
    private final String subjectRelation;
    private final Map<NodeKey, SubjectSet> memo = new HashMap<>();
    private final Set<NodeKey> open = new HashSet<>();
    /** Every id of the requested type and relation met on the way, excluded ones included. */
    private final Set<String> seen = new HashSet<>();
    private boolean wildcardSeen;

    SubjectsEvaluation(Schema schema, Relationships store, Instant now, String subjectType, String subjectRelation) {
        this.schema = schema;
        this.store = store;
        this.now = now;
        this.subjectType = subjectType;
        this.subjectRelation = subjectRelation;
    }

    /**
     * The ids of the requested type met by the walks so far, whatever exclusions and intersections
     * then took away: with caveats (which the walk does not read) a superset of the subjects that
     * have the permission, definitely or conditionally.
     */
    Set<String> seen() {
        return seen;
    }

    /** Whether a wildcard of the requested type was met by the walks so far. */
    boolean wildcardSeen() {
        return wildcardSeen;
    }

    SubjectSet members(String type, String id, String relation, int depth) {
        if (depth >= CheckEvaluation.MAX_DEPTH) {
            throw new EvaluationAborted("maximum depth " + CheckEvaluation.MAX_DEPTH + " exceeded at " + type + ":"
                    + id + "#" + relation + " (the relationships nest too deeply)");
        }
        NodeKey key = new NodeKey(type, id, relation);
        SubjectSet known = memo.get(key);
        if (known != null) {
            return known;
        }
        if (!open.add(key)) {
            throw new EvaluationAborted("cycle: " + key + " depends on itself");
        }
        SubjectSet result = evaluate(type, id, relation, depth);
        if (type.equals(subjectType) && relation.equals(subjectRelation)) {
            seen.add(id);
            result = result.union(SubjectSet.of(id));
        }
        open.remove(key);
        memo.put(key, result);
        return result;
    }

    private SubjectSet evaluate(String type, String id, String relation, int depth) {
        TypeDefinition definition = schema.definitionOrNull(type);
        if (definition == null) {
            return SubjectSet.EMPTY;
        }
        if (definition.hasRelation(relation)) {
            return direct(type, id, relation, depth);
        }
        Expression expression = definition.permissionOrNull(relation);
        return expression == null ? SubjectSet.EMPTY : eval(expression, type, id, depth);
    }

    private SubjectSet direct(String type, String id, String relation, int depth) {
        Set<String> found = new HashSet<>();
        boolean wildcard = false;
        SubjectSet nested = SubjectSet.EMPTY;
        for (Relationship r : store.subjectsOf(new ObjectRef(type, id), relation)) {
            if (r.expiredAt(now)) {
                continue;
            }
            SubjectRef s = r.subject();
            if (s.isWildcard()) {
                wildcard |= s.type().equals(subjectType) && SubjectRef.ELLIPSIS.equals(subjectRelation);
                wildcardSeen |= wildcard;
                continue;
            }
            if (s.type().equals(subjectType) && s.relation().equals(subjectRelation)) {
                found.add(s.id());
                seen.add(s.id());
            }
            if (s.hasRelation()) {
                nested = nested.union(members(s.type(), s.id(), s.relation(), depth + 1));
            }
        }
        return new SubjectSet(Set.copyOf(found), wildcard, Set.of()).union(nested);
    }

    private SubjectSet eval(Expression e, String type, String id, int depth) {
        if (e instanceof Expression.Reference r) {
            return members(type, id, r.name(), depth + 1);
        }
        if (e instanceof Expression.Union u) {
            SubjectSet result = SubjectSet.EMPTY;
            for (Expression child : u.children()) {
                result = result.union(eval(child, type, id, depth));
            }
            return result;
        }
        if (e instanceof Expression.Intersection i) {
            SubjectSet result = null;
            for (Expression child : i.children()) {
                SubjectSet next = eval(child, type, id, depth);
                result = result == null ? next : result.intersect(next);
            }
            return result;
        }
        if (e instanceof Expression.Exclusion x) {
            SubjectSet base = eval(x.base(), type, id, depth);
            return base.isEmpty() ? base : base.exclude(eval(x.excluded(), type, id, depth));
        }
        if (e instanceof Expression.Arrow a) {
            return arrow(a, type, id, depth);
        }
        if (e instanceof Expression.Self) {
            if (type.equals(subjectType) && SubjectRef.ELLIPSIS.equals(subjectRelation)) {
                seen.add(id);
                return SubjectSet.of(id);
            }
            return SubjectSet.EMPTY;
        }
        return SubjectSet.EMPTY; // nil
    }

    private SubjectSet arrow(Expression.Arrow a, String type, String id, int depth) {
        boolean all = a.function() == Expression.Arrow.Function.ALL;
        SubjectSet result = null;
        for (Relationship r : store.subjectsOf(new ObjectRef(type, id), a.tupleset())) {
            if (r.expiredAt(now)) {
                continue;
            }
            SubjectRef s = r.subject();
            TypeDefinition target = schema.definitionOrNull(s.type());
            SubjectSet next = target != null && target.has(a.target())
                    ? members(s.type(), s.id(), a.target(), depth + 1)
                    : SubjectSet.EMPTY;
            result = result == null ? next : all ? result.intersect(next) : result.union(next);
        }
        return result == null ? SubjectSet.EMPTY : result;
    }
}
