package dev.gatehouse.core.tenancy.projects;

import dev.gatehouse.core.shared.EnvironmentId;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.ProjectId;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/** An environment of a project; its name is unique within the project, ignoring case. */
public record Environment(EnvironmentId id, ProjectId projectId, OrganizationId organizationId, String name,
                          EnvironmentKind kind, Instant createdAt) {
    public static final int MAX_NAME_LENGTH = 64;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 _.-]*");

    public Environment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(projectId, "projectId");
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** What is wrong with a requested name, or null when it is fine. */
    static String nameProblem(String name) {
        if (name == null || name.isBlank()) {
            return "is required";
        }
        String n = name.strip();
        if (n.length() > MAX_NAME_LENGTH) {
            return "must be at most " + MAX_NAME_LENGTH + " characters";
        }
        if (!NAME.matcher(n).matches()) {
            return "must start with a letter or digit and contain only letters, digits, spaces, '.', '_' and '-'";
        }
        return null;
    }
}
