package dev.gatehouse.core.authorization;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A {@code caveat name(param type, …) { expression }} of a schema: its parameters with their SpiceDB
 * types as written ({@code int}, {@code list<string>}, {@code map<any>}, {@code ipaddress}, …) and its
 * CEL expression, which a {@link CaveatEvaluator} compiles.
 *
 * @param line   where the caveat's name is, for errors
 * @param column where the caveat's name is, for errors
 * @param expressionLine the line where the expression starts
 */
public record CaveatDefinition(String name, Map<String, String> parameters, String expression, int line, int column,
                               int expressionLine) {

    public CaveatDefinition {
        Objects.requireNonNull(name, "name");
        parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        Objects.requireNonNull(expression, "expression");
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("caveat ").append(name).append('(');
        int i = 0;
        for (var p : parameters.entrySet()) {
            b.append(i++ == 0 ? "" : ", ").append(p.getKey()).append(' ').append(p.getValue());
        }
        return b.append(") { ").append(expression).append(" }").toString();
    }
}
