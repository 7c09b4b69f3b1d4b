package dev.gatehouse.core.shared;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Validation of a free-text input field: stripped, within a length, free of control characters
 * ({@link Text}). A problem is recorded under the field's wire name and the value comes back null.
 */
public final class TextField {
    private TextField() {
    }

    /**
     * The stripped single-line text of a required field.
     *
     * @param blankProblem what to record when it is absent or blank ("is required", "must not be blank")
     */
    public static String singleLine(String field, String raw, int maxLength, String blankProblem, Map<String, List<String>> errors) {
        String text = raw == null ? "" : raw.strip();
        if (text.isEmpty()) {
            errors.put(field, List.of(blankProblem));
            return null;
        }
        return checked(field, text, maxLength, Text.singleLineProblem(text), errors);
    }

    /** The stripped multi-line text of an optional field; null for none (absent or blank) or after recording a problem. */
    public static String optionalMultiLine(String field, String raw, int maxLength, Map<String, List<String>> errors) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String text = raw.strip();
        return checked(field, text, maxLength, Text.multiLineProblem(text), errors);
    }

    private static String checked(String field, String text, int maxLength, Optional<String> problem,
                                  Map<String, List<String>> errors) {
        if (text.length() > maxLength) {
            errors.put(field, List.of("must be at most " + maxLength + " characters"));
            return null;
        }
        if (problem.isPresent()) {
            errors.put(field, List.of(problem.get()));
            return null;
        }
        return text;
    }
}
