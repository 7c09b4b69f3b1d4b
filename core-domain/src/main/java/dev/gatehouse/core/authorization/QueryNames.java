package dev.gatehouse.core.authorization;

import dev.gatehouse.core.shared.Failure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The names a permission query carries as plain text (a permission, a resource or subject type, a
 * subject relation), checked in the core so that every adapter and store refuses the same input
 * (control characters included: no such name holds one) with 422 naming the field. Object and subject
 * ids are checked where {@link ObjectRef} and {@link SubjectRef} are built.
 */
final class QueryNames {
    static final String NAME_RULE = "must be lowercase letters, digits and '_', 3 to 64 characters, starting with a letter";
    static final String TYPE_RULE = "must be lowercase letters, digits and '_', 3 to 64 characters per '/'-separated segment";

    private final Map<String, List<String>> errors = new LinkedHashMap<>();

    QueryNames relation(String field, String value) {
        if (value == null || !Names.isRelation(value)) {
            errors.put(field, List.of(NAME_RULE));
        }
        return this;
    }

    QueryNames type(String field, String value) {
        if (value == null || !Names.isType(value)) {
            errors.put(field, List.of(TYPE_RULE));
        }
        return this;
    }

    Optional<Failure> failure() {
        return errors.isEmpty() ? Optional.empty() : Optional.of(Failure.invalid(errors));
    }
}
