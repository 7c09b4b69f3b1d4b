package dev.gatehouse.core.authorization;

import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.Reason;
import dev.gatehouse.core.shared.Result;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A SpiceDB validation file, from its already parsed YAML document ({@code schema},
 * {@code relationships} as text with one relationship per line, {@code assertions}). Other keys
 * ({@code validation}, …) are ignored.
 *
 * @param caveats the caveats the file uses anywhere: schema, relationships or assertions
 */
public record ValidationFile(Schema schema, List<Relationship> relationships, List<Assertion> assertions,
                             Set<String> caveats) {

    public ValidationFile {
        relationships = List.copyOf(relationships);
        assertions = List.copyOf(assertions);
        caveats = Set.copyOf(caveats);
    }

    /** Whether evaluating the file needs caveats, which the local evaluator does not support. */
    public boolean usesCaveats() {
        return !caveats.isEmpty()
                || assertions.stream().anyMatch(a -> a.expectation() == Assertion.Expectation.CAVEATED
                || a.caveatContext().isPresent());
    }

    public static Result<ValidationFile> parse(Map<String, Object> document) {
        if (document == null) {
            return broken("the document is empty");
        }
        if (!(document.get("schema") instanceof String schemaText)) {
            return broken("expected a 'schema' string");
        }
        Result<Schema> schema = Schema.parse(schemaText);
        if (!schema.isOk()) {
            return Result.fail(schema.failure());
        }
        Set<String> caveats = new LinkedHashSet<>(schema.value().caveats());

        Object relationshipsValue = document.get("relationships");
        if (relationshipsValue != null && !(relationshipsValue instanceof String)) {
            return broken("expected 'relationships' to be text, one relationship per line");
        }
        Map<Relationship.Key, Relationship> relationships = new LinkedHashMap<>();
        String[] lines = relationshipsValue == null ? new String[0] : ((String) relationshipsValue).split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("//")) {
                continue;
            }
            try {
                RelationshipText.Parsed parsed = RelationshipText.parse(line);
                parsed.caveat().ifPresent(caveats::add);
                relationships.put(parsed.relationship().key(), parsed.relationship());
            } catch (IllegalArgumentException e) {
                return broken("relationship line " + (i + 1) + ": " + e.getMessage());
            }
        }

        List<Assertion> assertions = new ArrayList<>();
        Object assertionsValue = document.get("assertions");
        if (assertionsValue != null && !(assertionsValue instanceof Map)) {
            return broken("expected 'assertions' to be a map of assertTrue / assertFalse / assertCaveated lists");
        }
        Map<?, ?> assertionMap = assertionsValue == null ? Map.of() : (Map<?, ?>) assertionsValue;
        for (Object key : assertionMap.keySet()) {
            if (!List.of("assertTrue", "assertFalse", "assertCaveated").contains(String.valueOf(key))) {
                return broken("unknown assertion kind '" + key + "': expected assertTrue, assertFalse or assertCaveated");
            }
        }
        for (Assertion.Expectation expectation : Assertion.Expectation.values()) {
            Object list = assertionMap.get(expectation.key());
            if (list == null) {
                continue;
            }
            if (!(list instanceof List<?> items)) {
                return broken("expected '" + expectation.key() + "' to be a list");
            }
            for (Object item : items) {
                try {
                    assertions.add(Assertion.parse(expectation, String.valueOf(item)));
                } catch (IllegalArgumentException e) {
                    return broken(expectation.key() + " '" + item + "': " + e.getMessage());
                }
            }
        }
        return Result.ok(new ValidationFile(schema.value(), List.copyOf(relationships.values()), assertions, caveats));
    }

    private static <T> Result<T> broken(String message) {
        return Result.fail(Failure.of(Reason.VALIDATION, message));
    }
}
