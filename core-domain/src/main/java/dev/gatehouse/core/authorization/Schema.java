package dev.gatehouse.core.authorization;

import dev.gatehouse.core.shared.Result;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A parsed, type-checked SpiceDB schema. Besides the definitions it keeps two reverse indexes that
 * lookup-resources walks from a subject towards resources: which permissions can be reached from a
 * relation of the same object, and which arrows lead into a relation of a subject's type.
 */
public final class Schema {

    /** {@code resourceType#permission} contains {@code tupleset->target}; the tupleset allows the subject type. */
    record ArrowEntry(String resourceType, String tupleset, String permission) {
    }

    private final Map<String, TypeDefinition> definitions = new LinkedHashMap<>();
    private final Set<String> caveats;
    private final Map<String, CaveatDefinition> caveatDefinitions;
    private final boolean expiration;
    /** type → relation/permission → permissions of the same type whose result may include its subjects. */
    private final Map<String, Map<String, List<String>>> computedFrom = new HashMap<>();
    /** subject type → target relation/permission → arrows that evaluate it on objects of that type. */
    private final Map<String, Map<String, List<ArrowEntry>>> arrowsInto = new HashMap<>();

    Schema(List<TypeDefinition> types, Set<String> caveats, Map<String, CaveatDefinition> caveatDefinitions,
           boolean expiration) {
        types.forEach(t -> definitions.put(t.name(), t));
        this.caveats = Set.copyOf(new LinkedHashSet<>(caveats));
        this.caveatDefinitions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(caveatDefinitions));
        this.expiration = expiration;
        for (TypeDefinition t : types) {
            for (var p : t.permissionMap().entrySet()) {
                index(t, p.getKey(), p.getValue());
            }
        }
    }

    /** Parses and type-checks schema text; the failure names line, column and what was expected. */
    public static Result<Schema> parse(String text) {
        return SchemaParser.parse(text);
    }

    public Optional<TypeDefinition> definition(String type) {
        return Optional.ofNullable(definitions.get(type));
    }

    TypeDefinition definitionOrNull(String type) {
        return definitions.get(type);
    }

    public Collection<TypeDefinition> definitions() {
        return List.copyOf(definitions.values());
    }

    /** The caveat definitions, in schema order. */
    public Collection<CaveatDefinition> caveatDefinitions() {
        return caveatDefinitions.values();
    }

    /** The names of the caveats defined or referenced; evaluating them needs a {@link CaveatEvaluator}. */
    public Set<String> caveats() {
        return caveats;
    }

    public boolean usesCaveats() {
        return !caveats.isEmpty();
    }

    /** Whether the schema declares {@code use expiration}. */
    public boolean usesExpiration() {
        return expiration;
    }

    List<String> permissionsComputedFrom(String type, String relation) {
        return computedFrom.getOrDefault(type, Map.of()).getOrDefault(relation, List.of());
    }

    List<ArrowEntry> arrowsInto(String subjectType, String target) {
        return arrowsInto.getOrDefault(subjectType, Map.of()).getOrDefault(target, List.of());
    }

    /**
     * Records the places of an expression where a subject can enter the permission's result: every
     * child of a union or intersection, only the base of an exclusion. Over-approximating is fine:
     * lookup-resources checks every candidate it finds.
     */
    private void index(TypeDefinition type, String permission, Expression e) {
        List<Expression> entries = new ArrayList<>();
        collectEntries(e, entries);
        for (Expression entry : entries) {
            if (entry instanceof Expression.Reference r) {
                add(computedFrom.computeIfAbsent(type.name(), k -> new HashMap<>()), r.name(), permission);
            } else if (entry instanceof Expression.Arrow a) {
                Set<String> subjectTypes = new LinkedHashSet<>();
                type.allowedSubjects(a.tupleset()).forEach(s -> subjectTypes.add(s.type()));
                for (String subjectType : subjectTypes) {
                    arrowsInto.computeIfAbsent(subjectType, k -> new HashMap<>())
                            .computeIfAbsent(a.target(), k -> new ArrayList<>())
                            .add(new ArrowEntry(type.name(), a.tupleset(), permission));
                }
            }
        }
    }

    private static void collectEntries(Expression e, List<Expression> out) {
        if (e instanceof Expression.Union u) {
            u.children().forEach(c -> collectEntries(c, out));
        } else if (e instanceof Expression.Intersection i) {
            i.children().forEach(c -> collectEntries(c, out));
        } else if (e instanceof Expression.Exclusion x) {
            collectEntries(x.base(), out);
        } else if (e instanceof Expression.Reference || e instanceof Expression.Arrow) {
            out.add(e);
        }
    }

    private static void add(Map<String, List<String>> map, String key, String value) {
        List<String> list = map.computeIfAbsent(key, k -> new ArrayList<>());
        if (!list.contains(value)) {
            list.add(value);
        }
    }
}
