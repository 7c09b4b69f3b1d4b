package dev.gatehouse.core.tenancy.projects;

import dev.gatehouse.core.shared.Text;

import java.util.List;
import java.util.Map;

/** Validation of a project's editable fields; problems are added under the wire names. */
final class ProjectFields {
    private ProjectFields() {
    }

    /** The stripped name, or null after recording the problem. */
    static String name(String raw, Map<String, List<String>> errors) {
        if (raw == null || raw.isBlank()) {
            errors.put("name", List.of("is required"));
            return null;
        }
        String name = raw.strip();
        if (name.length() > Project.MAX_NAME_LENGTH) {
            errors.put("name", List.of("must be at most " + Project.MAX_NAME_LENGTH + " characters"));
            return null;
        }
        var problem = Text.singleLineProblem(name);
        if (problem.isPresent()) {
            errors.put("name", List.of(problem.get()));
            return null;
        }
        return name;
    }

    /** The stripped description; null for none (absent or blank). */
    static String description(String raw, Map<String, List<String>> errors) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String d = raw.strip();
        if (d.length() > Project.MAX_DESCRIPTION_LENGTH) {
            errors.put("description", List.of("must be at most " + Project.MAX_DESCRIPTION_LENGTH + " characters"));
            return null;
        }
        var problem = Text.multiLineProblem(d);
        if (problem.isPresent()) {
            errors.put("description", List.of(problem.get()));
            return null;
        }
        return d;
    }
}
