package dev.gatehouse.core.authorization;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * One check request (or the checks of one lookup-resources request, which share a subject): decides
 * whether {@link #subject} is a member of {@code type:id#relation}.
 *
 * <p>Results are three-valued (strong Kleene logic): a node reached again while it is still being
 * evaluated (a cycle in the data) is UNKNOWN, and UNKNOWN only decides a result when the other
 * operands cannot — {@code true + unknown} is true, {@code false & unknown} is false, anything else
 * with an unknown operand stays unknown and the request fails closed. Definite results are memoized
 * for the whole request; an unknown one only when it does not depend on a node still open above it.
 * Reaching depth {@link #MAX_DEPTH} aborts the request exactly where SpiceDB's dispatch depth of 50
 * runs out (50 nested groups answer, 51 do not; a recursive arrow 49 and 50).
 *
 * <p>Caveats add a fourth value, CONDITIONAL: a caveated relationship counts only when its caveat is
 * true for the merged context, and a caveat that lacks parameters leaves its branch conditional,
 * which combines like unknown in the same logic ({@code true + conditional} is true,
 * {@code false & conditional} false) but names what is missing ({@link #missing()}); a cycle's
 * UNKNOWN wins over CONDITIONAL, so the request fails closed.
 */
final class CheckEvaluation {
    static final int MAX_DEPTH = 50;
    static final byte FALSE = 0;
    static final byte TRUE = 1;
    static final byte UNKNOWN = 2;
    static final byte CONDITIONAL = 3;
    private static final int WORK_BUDGET = 1_000_000;

    private final Schema schema;
    private final Relationships store;
    private final Instant now;
    private final SubjectRef subject;
    /**
     * Per node: its memoized result (0 to 3), or, while it is being evaluated (open), {@code -1 - depth}
     * of the depth it opened at. One map for both, so a node's entry is made once and its result
     * replaces the open mark in place.
     */
    private final NodeStates nodes = new NodeStates();
    private final int maxDepth;
    /** The smallest depth of an open node that the subtree being evaluated ran into. */
    private int lowestOpenHit = Integer.MAX_VALUE;
    private String unknownReason;
    private int work;
    private static final int RECENT = 4;
    private final ObjectRef[] recentObjects = new ObjectRef[RECENT];
    @SuppressWarnings("unchecked")
    private final Function<String, List<Relationship>>[] recentRelations = new Function[RECENT];
    private int nextRecent;
    /** The schema's compiled caveats (null without an evaluator) and the request's context. */
    private final CaveatEvaluator.Compiled caveats;
    private final Map<String, Object> context;
    /** The parameters missing for the last CONDITIONAL result returned. */
    private Set<String> missing = Set.of();
    /** The missing parameters of each node memoized as CONDITIONAL (made by the first). */
    private Map<NodeKey, Set<String>> conditionalMemo;

    CheckEvaluation(Schema schema, Relationships store, Instant now, SubjectRef subject) {
        this(schema, store, now, subject, MAX_DEPTH);
    }

    CheckEvaluation(Schema schema, Relationships store, Instant now, SubjectRef subject, int maxDepth) {
        this(schema, store, now, subject, maxDepth, null, Map.of());
    }

    CheckEvaluation(Schema schema, Relationships store, Instant now, SubjectRef subject, int maxDepth,
                    CaveatEvaluator.Compiled caveats, Map<String, Object> context) {
        this.maxDepth = maxDepth;
        this.schema = schema;
        this.store = store;
        this.now = now;
        this.subject = subject;
        this.caveats = caveats;
        this.context = context;
    }

    /** The caveat parameters whose absence made the last result CONDITIONAL, sorted. */
    Set<String> missing() {
        return new TreeSet<>(missing);
    }

    /** Why the last UNKNOWN came about. */
    String unknownReason() {
        return unknownReason;
    }

    byte member(String type, String id, String relation, int depth) {
        if (relation.equals(subject.relation()) && id.equals(subject.id()) && type.equals(subject.type())) {
            return TRUE;
        }
        if (depth >= maxDepth) {
            throw new EvaluationAborted("maximum depth " + maxDepth + " exceeded at " + type + ":" + id + "#"
                    + relation + " (the relationships nest too deeply or form a cycle)");
        }
        if (++work > WORK_BUDGET) {
            throw new EvaluationAborted("the check needed more than " + WORK_BUDGET + " steps");
        }
        TypeDefinition definition = schema.definitionOrNull(type);
        List<Relationship> relationships = null;
        boolean isRelation = definition != null && definition.hasRelation(relation);
        if (isRelation && !definition.admitsSubjectSets(relation)) {
            // A relation whose subjects are all objects or wildcards (the common case: role relations)
            // is a leaf: it depends on no other node, so it can be neither part of a cycle nor worth
            // memoizing (the request reads one snapshot). Decide it without the bookkeeping, unless
            // the data holds subject sets after all (written under an earlier schema).
            relationships = subjectsOf(type, id, relation);
            if (!hasSubjectSet(relationships)) {
                return directMatch(relationships);
            }
        }
        NodeKey key = new NodeKey(type, id, relation);
        int k = nodes.get(key);
        if (k != NodeStates.ABSENT) {
            if (k < 0) {
                lowestOpenHit = Math.min(lowestOpenHit, -1 - k);
                unknownReason = "cycle: " + key + " depends on itself";
                return UNKNOWN;
            }
            if (k == CONDITIONAL) {
                missing = conditionalMemo.get(key);
            }
            return (byte) k;
        }
        nodes.put(key, -1 - depth);
        int outerLowest = lowestOpenHit;
        lowestOpenHit = Integer.MAX_VALUE;
        byte result = isRelation
                ? direct(relationships != null ? relationships : subjectsOf(type, id, relation), depth)
                : evaluate(definition, type, id, relation, depth);
        if (result != UNKNOWN || lowestOpenHit >= depth) {
            nodes.put(key, result);
            if (result == CONDITIONAL) {
                if (conditionalMemo == null) {
                    conditionalMemo = new HashMap<>();
                }
                conditionalMemo.put(key, missing);
            }
        } else {
            nodes.remove(key);
        }
        lowestOpenHit = Math.min(outerLowest, lowestOpenHit);
        return result;
    }

    /** A permission (or nothing): relations are decided by {@link #direct} from {@link #member}. */
    private byte evaluate(TypeDefinition definition, String type, String id, String relation, int depth) {
        if (definition == null) {
            return FALSE;
        }
        Expression expression = definition.permissionOrNull(relation);
        return expression == null ? FALSE : eval(expression, type, id, depth);
    }

    private static boolean hasSubjectSet(List<Relationship> relationships) {
        if (relationships instanceof RelationshipList list) {
            return list.hasSubjectSet();
        }
        for (Relationship r : relationships) {
            if (r.subject().hasRelation()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether one of the relationships names the subject itself, or a wildcard of its type; as in
     * SpiceDB, a wildcard matches every subject of its type, subject sets ({@code team:red#member})
     * included. A caveated match counts as its caveat decides.
     */
    private byte directMatch(List<Relationship> relationships) {
        Set<String> conditional = null;
        if (relationships instanceof RelationshipList list && !list.hasWildcard()) {
            // only the relationships whose subject id hashes like the subject's can name it
            String id = subject.id();
            for (int i = list.nextWithSubjectId(id, 0); i < list.size(); i = list.nextWithSubjectId(id, i + 1)) {
                byte b = directMatch(list.get(i));
                if (b == TRUE) {
                    return TRUE;
                }
                if (b == CONDITIONAL) {
                    conditional = union(conditional, missing);
                }
            }
        } else {
            for (int i = 0, n = relationships.size(); i < n; i++) {
                byte b = directMatch(relationships.get(i));
                if (b == TRUE) {
                    return TRUE;
                }
                if (b == CONDITIONAL) {
                    conditional = union(conditional, missing);
                }
            }
        }
        if (conditional != null) {
            missing = conditional;
            return CONDITIONAL;
        }
        return FALSE;
    }

    /** Whether {@code r} names the subject (or a wildcard of its type) and holds: TRUE, FALSE or CONDITIONAL. */
    private byte directMatch(Relationship r) {
        SubjectRef s = r.subject();
        if (s.type().equals(subject.type()) && !r.expiredAt(now)
                && (s.isWildcard() || s.id().equals(subject.id()) && s.relation().equals(subject.relation()))) {
            return r.caveat().isEmpty() ? TRUE : caveat(r);
        }
        return FALSE;
    }

    /** A caveated relationship's caveat, evaluated with the request's context; CONDITIONAL sets {@link #missing}. */
    private byte caveat(Relationship r) {
        RelationshipCaveat c = r.caveat().orElseThrow();
        if (caveats == null) {
            throw new EvaluationAborted("relationship " + r + " has caveat '" + c.name()
                    + "' and no caveat evaluator is configured");
        }
        CaveatEvaluator.Outcome outcome;
        try {
            outcome = caveats.evaluate(c.name(), c.context(), context);
        } catch (IllegalArgumentException e) {
            throw new CaveatFailed("caveat '" + c.name() + "' of " + r + ": " + e.getMessage());
        }
        switch (outcome.kind()) {
            case TRUE:
                return TRUE;
            case FALSE:
                return FALSE;
            default:
                missing = outcome.missing();
                return CONDITIONAL;
        }
    }

    /** {@code a & b} for a caveat result {@code a} (with {@code aMissing}) and the rest of a path {@code b}. */
    private byte and(byte a, Set<String> aMissing, byte b) {
        if (a == FALSE || b == FALSE) {
            return FALSE;
        }
        if (a == UNKNOWN || b == UNKNOWN) {
            return UNKNOWN;
        }
        if (a == CONDITIONAL || b == CONDITIONAL) {
            Set<String> m = a == CONDITIONAL ? union(null, aMissing) : null;
            missing = b == CONDITIONAL ? union(m, missing) : m;
            return CONDITIONAL;
        }
        return TRUE;
    }

    private static Set<String> union(Set<String> into, Set<String> more) {
        Set<String> out = into == null ? new TreeSet<>() : into;
        out.addAll(more);
        return out;
    }

    /**
     * The relationships {@code type:id#relation@…}, through the relations of the last few objects read
     * (a check reads several relations of each object, and returns to an object after its arrows).
     */
    private List<Relationship> subjectsOf(String type, String id, String relation) {
        ObjectRef[] objects = recentObjects;
        for (int i = 0; i < RECENT; i++) {
            ObjectRef o = objects[i];
            if (o != null && o.id().equals(id) && o.type().equals(type)) {
                return randomAccess(recentRelations[i].apply(relation));
            }
        }
        int slot = nextRecent;
        nextRecent = (slot + 1) % RECENT;
        ObjectRef o = new ObjectRef(type, id);
        Function<String, List<Relationship>> relations = store.relationsOf(o);
        objects[slot] = o;
        recentRelations[slot] = relations;
        return randomAccess(relations.apply(relation));
    }

    /** The evaluation walks lists by index, without an iterator per walk: the stores' lists allow it. */
    private static List<Relationship> randomAccess(List<Relationship> relationships) {
        return relationships instanceof RandomAccess ? relationships : new ArrayList<>(relationships);
    }

    private byte direct(List<Relationship> relationships, int depth) {
        // Direct matches first (no dispatch): the subject itself, or a wildcard of its type.
        byte directly = directMatch(relationships);
        if (directly == TRUE) {
            return TRUE;
        }
        Set<String> conditional = directly == CONDITIONAL ? union(null, missing) : null;
        if (relationships instanceof RelationshipList list && !list.hasSubjectSet()) {
            return conditional(conditional);
        }
        boolean unknown = false;
        for (int i = 0, n = relationships.size(); i < n; i++) {
            Relationship r = relationships.get(i);
            SubjectRef s = r.subject();
            if (s.hasRelation() && !r.expiredAt(now)) {
                byte b = member(s.type(), s.id(), s.relation(), depth + 1);
                if (r.caveat().isPresent() && b != FALSE) {
                    Set<String> bMissing = missing;
                    byte c = caveat(r);
                    Set<String> cMissing = missing;
                    missing = bMissing;
                    b = and(c, cMissing, b);
                }
                if (b == TRUE) {
                    return TRUE;
                }
                unknown |= b == UNKNOWN;
                if (b == CONDITIONAL) {
                    conditional = union(conditional, missing);
                }
            }
        }
        return unknown ? UNKNOWN : conditional(conditional);
    }

    /** FALSE, or CONDITIONAL with {@link #missing} set when {@code conditional} is not null. */
    private byte conditional(Set<String> conditional) {
        if (conditional == null) {
            return FALSE;
        }
        missing = conditional;
        return CONDITIONAL;
    }

    private byte eval(Expression e, String type, String id, int depth) {
        if (e instanceof Expression.Reference r) {
            return member(type, id, r.name(), depth + 1);
        }
        if (e instanceof Expression.Union u) {
            boolean unknown = false;
            Set<String> conditional = null;
            List<Expression> children = u.children();
            for (int c = 0, n = children.size(); c < n; c++) {
                byte b = eval(children.get(c), type, id, depth);
                if (b == TRUE) {
                    return TRUE;
                }
                unknown |= b == UNKNOWN;
                if (b == CONDITIONAL) {
                    conditional = union(conditional, missing);
                }
            }
            return unknown ? UNKNOWN : conditional(conditional);
        }
        if (e instanceof Expression.Intersection i) {
            boolean unknown = false;
            Set<String> conditional = null;
            List<Expression> children = i.children();
            for (int c = 0, n = children.size(); c < n; c++) {
                byte b = eval(children.get(c), type, id, depth);
                if (b == FALSE) {
                    return FALSE;
                }
                unknown |= b == UNKNOWN;
                if (b == CONDITIONAL) {
                    conditional = union(conditional, missing);
                }
            }
            if (unknown) {
                return UNKNOWN;
            }
            if (conditional != null) {
                missing = conditional;
                return CONDITIONAL;
            }
            return TRUE;
        }
        if (e instanceof Expression.Exclusion x) {
            byte base = eval(x.base(), type, id, depth);
            if (base == FALSE) {
                return FALSE;
            }
            Set<String> baseMissing = base == CONDITIONAL ? missing : Set.of();
            byte excluded = eval(x.excluded(), type, id, depth);
            if (excluded == TRUE) {
                return FALSE;
            }
            if (base == UNKNOWN || excluded == UNKNOWN) {
                return UNKNOWN;
            }
            if (base == CONDITIONAL || excluded == CONDITIONAL) {
                Set<String> m = union(null, baseMissing);
                missing = excluded == CONDITIONAL ? union(m, missing) : m;
                return CONDITIONAL;
            }
            return TRUE;
        }
        if (e instanceof Expression.Arrow a) {
            return arrow(a, type, id, depth);
        }
        if (e instanceof Expression.Self) {
            return !subject.hasRelation() && id.equals(subject.id()) && type.equals(subject.type()) ? TRUE : FALSE;
        }
        return FALSE; // nil
    }

    private byte arrow(Expression.Arrow a, String type, String id, int depth) {
        boolean all = a.function() == Expression.Arrow.Function.ALL;
        boolean any = false;
        boolean unknown = false;
        Set<String> conditional = null;
        List<Relationship> relationships = subjectsOf(type, id, a.tupleset());
        for (int i = 0, n = relationships.size(); i < n; i++) {
            Relationship r = relationships.get(i);
            if (r.expiredAt(now)) {
                continue;
            }
            any = true;
            SubjectRef s = r.subject();
            TypeDefinition target = schema.definitionOrNull(s.type());
            byte b = target != null && target.has(a.target())
                    ? member(s.type(), s.id(), a.target(), depth + 1)
                    : FALSE;
            if (r.caveat().isPresent() && b != FALSE) {
                Set<String> bMissing = missing;
                byte c = caveat(r);
                Set<String> cMissing = missing;
                missing = bMissing;
                b = and(c, cMissing, b);
            }
            if (!all && b == TRUE) {
                return TRUE;
            }
            if (all && b == FALSE) {
                return FALSE;
            }
            unknown |= b == UNKNOWN;
            if (b == CONDITIONAL) {
                conditional = union(conditional, missing);
            }
        }
        if (unknown) {
            return UNKNOWN;
        }
        if (conditional != null) {
            missing = conditional;
            return CONDITIONAL;
        }
        return all && any ? TRUE : FALSE;
    }

    /**
     * A number per node: in two small arrays while there are few (a check reaches a handful of nodes
     * that are not leaves; no map, table or entry objects for them), in a map beyond {@link #SMALL}
     * (lookups share one evaluation among many checks).
     */
    static final class NodeStates {
        static final int ABSENT = Integer.MIN_VALUE;
        static final int SMALL = 8;

        private NodeKey[] keys = new NodeKey[SMALL];
        private int[] values = new int[SMALL];
        private int size;
        private Map<NodeKey, Integer> map;

        /** The node's number, or {@link #ABSENT}. */
        int get(NodeKey key) {
            if (map != null) {
                Integer v = map.get(key);
                return v == null ? ABSENT : v;
            }
            int i = indexOf(key);
            return i < 0 ? ABSENT : values[i];
        }

        void put(NodeKey key, int value) {
            if (map != null) {
                map.put(key, value);
                return;
            }
            int i = indexOf(key);
            if (i >= 0) {
                values[i] = value;
            } else if (size < SMALL) {
                keys[size] = key;
                values[size++] = value;
            } else {
                map = new HashMap<>();
                for (int j = 0; j < size; j++) {
                    map.put(keys[j], values[j]);
                }
                map.put(key, value);
                keys = null;
                values = null;
            }
        }

        void remove(NodeKey key) {
            if (map != null) {
                map.remove(key);
                return;
            }
            int i = indexOf(key);
            if (i >= 0) {
                size--;
                keys[i] = keys[size];
                values[i] = values[size];
                keys[size] = null;
            }
        }

        private int indexOf(NodeKey key) {
            for (int i = 0; i < size; i++) {
                if (keys[i].equals(key)) {
                    return i;
                }
            }
            return -1;
        }
    }

    /** A caveat that could not be evaluated (a context value of the wrong type): the request is invalid. */
    static final class CaveatFailed extends RuntimeException {
        CaveatFailed(String message) {
            super(message, null, false, false);
        }
    }
}
