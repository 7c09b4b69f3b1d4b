package dev.gatehouse.core.tenancy.projects;

import dev.gatehouse.core.entitlements.Feature;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.ProjectId;
import dev.gatehouse.core.shared.Result;

import java.util.Map;

/**
 * Soft-deletes a project ({@code projects_delete}): it disappears from every read at once, its
 * environments and relationships stay so that {@link RestoreProject} can bring it back within
 * {@link Project#RESTORE_WINDOW}; {@link PurgeDeletedProjects} removes it afterwards. Its {@code projects}
 * slot is given back at once (restoring takes one again).
 */
public final class DeleteProject {
    private final ProjectContext ctx;

    public DeleteProject(ProjectContext ctx) {
        this.ctx = ctx;
    }

    public Result<Project> handle(Caller caller, ProjectId id) {
        return ctx.tx().inTransaction(() -> ctx.activeProject(caller, id, "projects_delete").map(before -> {
            Project deleted = before.softDeleted(ctx.clock().instant());
            ctx.projects().update(deleted);
            ctx.entitlements().release(deleted.organizationId(), Feature.PROJECTS, 1);
            ctx.auditor().record(caller, "project.deleted", "project", id, deleted.organizationId(),
                    Map.of("restorable_until", deleted.restorableUntil().orElseThrow().toString()));
            ctx.events().record("project.deleted", deleted.organizationId(), Map.of("project_id", id.text(),
                    "organization_id", deleted.organizationId().text()));
            return deleted;
        }));
    }
}
