package dev.gatehouse.core.tokens;

import dev.gatehouse.core.authorization.AccessControl;
import dev.gatehouse.core.authorization.ObjectRef;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.ProjectId;
import dev.gatehouse.core.shared.Result;
import dev.gatehouse.core.tenancy.projects.Project;
import dev.gatehouse.core.tenancy.projects.Projects;

import java.util.Optional;

/** The one question the token use cases ask tenancy: the project whose keys they touch, live and within the caller's reach. */
final class KeyProjects {
    private final Projects projects;
    private final AccessControl access;

    KeyProjects(Projects projects, AccessControl access) {
        this.projects = projects;
        this.access = access;
    }

    /** The project when it exists and is not deleted. */
    Optional<Project> live(ProjectId id) {
        return projects.byId(id).filter(p -> !p.deleted());
    }

    /**
     * The live project, when the caller holds {@code permission} on it (null: public, anyone); not
     * found when it is unknown, deleted or out of the caller's sight, forbidden otherwise.
     */
    Result<Project> reach(Caller caller, ProjectId id, String permission) {
        var project = live(id);
        if (project.isEmpty()) {
            return Result.fail(Failure.notFound("Project"));
        }
        if (permission != null) {
            var denied = access.require(caller, new ObjectRef("project", id.text()), permission, "projects_read", "Project");
            if (denied.isPresent()) {
                return Result.fail(denied.get());
            }
        }
        return Result.ok(project.get());
    }
}
