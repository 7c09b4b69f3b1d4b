package dev.gatehouse.core.authorization;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A {@code definition}: an object type with its relations (stored) and permissions (computed). */
public final class TypeDefinition {
    private final String name;
    private final Map<String, List<AllowedSubjectType>> relations;
    private final Map<String, Expression> permissions;
    /** Relations that admit a subject set ({@code team#member}): the others hold objects and wildcards only. */
    private final Set<String> relationsWithSubjectSets = new HashSet<>();

    TypeDefinition(String name, Map<String, List<AllowedSubjectType>> relations, Map<String, Expression> permissions) {
        this.name = name;
        this.relations = new LinkedHashMap<>(relations);
        this.permissions = new LinkedHashMap<>(permissions);
        this.relations.forEach((relation, allowed) -> {
            if (allowed.stream().anyMatch(a -> !a.wildcard() && !SubjectRef.ELLIPSIS.equals(a.relation()))) {
                relationsWithSubjectSets.add(relation);
            }
        });
    }

    public String name() {
        return name;
    }

    /** Relation names, in schema order. */
    public List<String> relations() {
        return List.copyOf(relations.keySet());
    }

    /** Permission names, in schema order. */
    public List<String> permissions() {
        return List.copyOf(permissions.keySet());
    }

    public boolean hasRelation(String relation) {
        return relations.containsKey(relation);
    }

    public boolean hasPermission(String permission) {
        return permissions.containsKey(permission);
    }

    /** Whether {@code name} is a relation or a permission of this type. */
    public boolean has(String name) {
        return relations.containsKey(name) || permissions.containsKey(name);
    }

    /** The allowed subject types of a relation; empty when there is no such relation. */
    public List<AllowedSubjectType> allowedSubjects(String relation) {
        return relations.getOrDefault(relation, List.of());
    }

    public Optional<Expression> permission(String permission) {
        return Optional.ofNullable(permissions.get(permission));
    }

    /** The permission's expression or null; for the evaluators' hot path. */
    Expression permissionOrNull(String permission) {
        return permissions.get(permission);
    }

    /**
     * Whether the schema lets this relation hold subject sets; when not, valid data makes it a leaf
     * of the evaluation (for the evaluators' hot path; they still cope with data that says otherwise).
     */
    boolean admitsSubjectSets(String relation) {
        return relationsWithSubjectSets.contains(relation);
    }

    Map<String, Expression> permissionMap() {
        return permissions;
    }

    @Override
    public String toString() {
        return "definition " + name;
    }
}
