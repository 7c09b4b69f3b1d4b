package dev.gatehouse.core.authorization;

import dev.gatehouse.core.shared.JsonText;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The caveat a relationship is written with, {@code [name]} or {@code [name:{context}]}: the
 * relationship holds only when the caveat's expression is true for this context merged with the
 * context of the question (what the relationship says wins). The context holds plain JSON values.
 */
public record RelationshipCaveat(String name, Map<String, Object> context) {

    public RelationshipCaveat {
        Names.requireCaveat(name);
        context = Collections.unmodifiableMap(new LinkedHashMap<>(context));
    }

    public static RelationshipCaveat of(String name) {
        return new RelationshipCaveat(name, Map.of());
    }

    /** SpiceDB's text form without brackets: {@code name} or {@code name:{"k":1}}. */
    @Override
    public String toString() {
        return context.isEmpty() ? name : name + ":" + JsonText.write(context);
    }
}
