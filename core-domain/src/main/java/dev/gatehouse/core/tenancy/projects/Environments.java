package dev.gatehouse.core.tenancy.projects;

import dev.gatehouse.core.shared.EnvironmentId;
import dev.gatehouse.core.shared.ProjectId;

import java.util.List;
import java.util.Optional;

/** The environments of projects. Names are unique within a project, ignoring case. */
public interface Environments {

    /** @return false, and stores nothing, when the project already has an environment of that name */
    boolean add(Environment environment);

    Optional<Environment> byId(EnvironmentId id);

    /** A project's environments, oldest first (then by name). */
    List<Environment> ofProject(ProjectId project);

    void remove(EnvironmentId id);

    /** @return how many environments of the project were removed */
    int removeAllOf(ProjectId project);
}
