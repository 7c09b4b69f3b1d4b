package dev.gatehouse.core.tenancy.projects;

import dev.gatehouse.core.shared.TextField;

import java.util.List;
import java.util.Map;

/** Validation of a project's editable fields; problems are added under the wire names. */
final class ProjectFields {
    private ProjectFields() {
    }

    /** The stripped name, or null after recording the problem. */
    static String name(String raw, Map<String, List<String>> errors) {
        return TextField.singleLine("name", raw, Project.MAX_NAME_LENGTH, "is required", errors);
    }

    /** The stripped description; null for none (absent or blank). */
    static String description(String raw, Map<String, List<String>> errors) {
        return TextField.optionalMultiLine("description", raw, Project.MAX_DESCRIPTION_LENGTH, errors);
    }
}
