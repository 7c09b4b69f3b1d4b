package dev.gatehouse.core.tenancy.projects;

import dev.gatehouse.core.platform.Platform;
import dev.gatehouse.core.lifecycle.Cascade;
import dev.gatehouse.core.lifecycle.Cause;
import dev.gatehouse.core.lifecycle.Ending;
import dev.gatehouse.core.lifecycle.Scope;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.Result;

import java.util.List;
import java.util.Map;

/**
 * Hard-deletes projects soft-deleted more than {@link Project#RESTORE_WINDOW} ago: first the
 * {@link Cascade} (cause {@code project_purged}: API keys, signing keys, role assignments, whatever else
 * is beneath the project), then each environment with its relationships, then the project's
 * own relationships and row. One transaction per project, so a failure leaves the others purged and
 * that one for the next run. Run by a scheduled job as the system; platform admins only otherwise.
 */
public record PurgeDeletedProjects(Projects projects, Environments environments, ProjectRelationships relationships,
                                   Cascade cascade, Platform platform) {
    /** @return how many projects were purged (at most {@code limit}) */
    public Result<Integer> handle(Caller caller, int limit) {
        if (!caller.principal().platformAdmin()) {
            return Result.fail(Failure.forbidden("Only the system and platform admins purge projects."));
        }
        var cutoff = platform.clock().instant().minus(Project.RESTORE_WINDOW);
        List<Project> due = platform.transactions().readOnly(() -> projects.deletedBefore(cutoff, limit));
        int purged = 0;
        for (Project candidate : due) {
            Ending ending = new Ending(caller, new Scope.Project(candidate.organizationId(), candidate.id()),
                    Cause.PROJECT_PURGED, platform.clock().instant());
            Result<Boolean> done = platform.transactions().inTransaction(() -> purge(caller, candidate, cutoff, ending));
            if (!done.isOk()) {
                return Result.fail(done.failure());
            }
            if (done.value()) {
                cascade.settle(ending);
                purged++;
            }
        }
        return Result.ok(purged);
    }

    private Result<Boolean> purge(Caller caller, Project candidate, java.time.Instant cutoff, Ending ending) {
        var current = projects.byId(candidate.id());
        if (current.isEmpty() || !current.get().deleted() || !current.get().deletedAt().isBefore(cutoff)) {
            return Result.ok(false); // restored or purged by another instance meanwhile
        }
        Project project = current.get();
        var beneath = cascade.run(ending);
        if (!beneath.isOk()) {
            return Result.fail(beneath.failure());
        }
        var ofProject = environments.ofProject(project.id());
        for (Environment e : ofProject) {
            var deleted = relationships.removed(e.id());
            if (!deleted.isOk()) {
                return Result.fail(deleted.failure());
            }
        }
        environments.removeAllOf(project.id());
        var deleted = relationships.removed(project.id());
        if (!deleted.isOk()) {
            return Result.fail(deleted.failure());
        }
        projects.remove(project.id());
        platform.auditor().record(caller, "project.purged", "project", project.id(), project.organizationId(),
                Map.of("deleted_at", project.deletedAt().toString(), "environments", ofProject.size()));
        platform.events().record(new dev.gatehouse.core.events.TenancyEvent.ProjectPurged(project.id(), project.organizationId()));
        return Result.ok(true);
    }
}
