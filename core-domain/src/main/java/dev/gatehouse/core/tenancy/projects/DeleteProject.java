package dev.gatehouse.core.tenancy.projects;

import dev.gatehouse.core.platform.Platform;
import dev.gatehouse.core.shared.Quota;
import dev.gatehouse.core.lifecycle.Cascade;
import dev.gatehouse.core.lifecycle.Cause;
import dev.gatehouse.core.lifecycle.Ending;
import dev.gatehouse.core.lifecycle.Scope;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.ProjectId;
import dev.gatehouse.core.shared.Result;

import java.util.Map;

/**
 * Soft-deletes a project ({@code projects_delete}): it disappears from every read at once, its
 * environments and relationships stay so that {@link RestoreProject} can bring it back within
 * {@link Project#RESTORE_WINDOW}; {@link PurgeDeletedProjects} removes it afterwards. Its {@code projects}
 * slot is given back at once (restoring takes one again). In the same transaction the {@link Cascade}
 * stops what works beneath it (cause {@code project_deleted}): its API keys are revoked (a restore does
 * not bring them back: ADR 0018), grants on it and its environments revoked, pending requests cancelled.
 */
public record DeleteProject(Projects projects, ProjectAccess access, Quota entitlements, Cascade cascade, Platform p) {
    public Result<Project> handle(Caller caller, ProjectId id) {
        Ending[] ending = {null};
        Result<Project> done = p.transactions().inTransaction(() -> access.active(caller, id, "projects_delete").flatMap(before -> {
            Project deleted = before.softDeleted(p.clock().instant());
            projects.update(deleted);
            ending[0] = new Ending(caller, new Scope.Project(deleted.organizationId(), id), Cause.PROJECT_DELETED,
                    deleted.deletedAt());
            var beneath = cascade.run(ending[0]);
            if (!beneath.isOk()) {
                return Result.<Project>fail(beneath.failure());
            }
            entitlements.release(deleted.organizationId(), Quota.PROJECTS, 1);
            p.auditor().record(caller, "project.deleted", "project", id, deleted.organizationId(),
                    Map.of("restorable_until", deleted.restorableUntil().orElseThrow().toString()));
            p.events().record(new dev.gatehouse.core.events.TenancyEvent.ProjectDeleted(id, deleted.organizationId()));
            return Result.ok(deleted);
        }));
        if (done.isOk()) {
            cascade.settle(ending[0]);
        }
        return done;
    }
}
