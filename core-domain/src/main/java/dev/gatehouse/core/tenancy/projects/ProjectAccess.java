package dev.gatehouse.core.tenancy.projects;

import dev.gatehouse.core.authorization.AccessControl;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.EnvironmentId;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.ProjectId;
import dev.gatehouse.core.shared.Result;

import java.util.Objects;
import java.util.Optional;

/**
 * The access questions of the project use cases, asked the same way everywhere through
 * {@link AccessControl}: a caller who may not even read the resource gets not-found, one who reads it
 * but lacks the permission gets forbidden. A missing or soft-deleted project is not found, exactly like
 * one of another tenant.
 */
public record ProjectAccess(Projects projects, AccessControl access) {
    public ProjectAccess {
        Objects.requireNonNull(projects, "projects");
        Objects.requireNonNull(access, "access");
    }

    /** The active project, if the caller may do {@code permission} on it. */
    public Result<Project> active(Caller caller, ProjectId id, String permission) {
        var project = projects.byId(id).filter(p -> !p.deleted());
        if (project.isEmpty()) {
            return Result.fail(Failure.notFound("Project"));
        }
        return onProject(caller, id, permission).<Result<Project>>map(Result::fail).orElseGet(() -> Result.ok(project.get()));
    }

    /** Whether the caller may do {@code permission} on the project, deleted or not; empty when allowed. */
    public Optional<Failure> onProject(Caller caller, ProjectId id, String permission) {
        return access.require(caller, ProjectRelationships.ref(id), permission, "projects_read", "Project");
    }

    /** Whether the caller may do a project {@code permission} on the organization; empty when allowed. */
    public Optional<Failure> onOrganization(Caller caller, OrganizationId id, String permission) {
        return access.require(caller, ProjectRelationships.ref(id), permission, "projects_read", "Organization");
    }

    /** Whether the caller may do {@code permission} on the environment; empty when allowed. */
    public Optional<Failure> onEnvironment(Caller caller, EnvironmentId id, String permission) {
        return access.require(caller, ProjectRelationships.ref(id), permission, "environments_read", "Environment");
    }
}
