package dev.gatehouse.core.tenancy.projects;

import dev.gatehouse.core.authorization.RelationshipFilter;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.Result;

import java.util.List;
import java.util.Map;

/**
 * Hard-deletes projects soft-deleted more than {@link Project#RESTORE_WINDOW} ago: first whatever the
 * {@link ProjectDependents} own, then each environment with its relationships, then the project's
 * own relationships and row. One transaction per project, so a failure leaves the others purged and
 * that one for the next run. Run by a scheduled job as the system; platform admins only otherwise.
 */
public final class PurgeDeletedProjects {
    private final ProjectContext ctx;
    private final List<ProjectDependents> dependents;

    public PurgeDeletedProjects(ProjectContext ctx, List<ProjectDependents> dependents) {
        this.ctx = ctx;
        this.dependents = List.copyOf(dependents);
    }

    /** @return how many projects were purged (at most {@code limit}) */
    public Result<Integer> handle(Caller caller, int limit) {
        if (!caller.principal().platformAdmin()) {
            return Result.fail(Failure.forbidden("Only the system and platform admins purge projects."));
        }
        var cutoff = ctx.clock().instant().minus(Project.RESTORE_WINDOW);
        List<Project> due = ctx.tx().readOnly(() -> ctx.projects().deletedBefore(cutoff, limit));
        int purged = 0;
        for (Project candidate : due) {
            Result<Boolean> done = ctx.tx().inTransaction(() -> purge(caller, candidate, cutoff));
            if (!done.isOk()) {
                return Result.fail(done.failure());
            }
            purged += done.value() ? 1 : 0;
        }
        return Result.ok(purged);
    }

    private Result<Boolean> purge(Caller caller, Project candidate, java.time.Instant cutoff) {
        var current = ctx.projects().byId(candidate.id());
        if (current.isEmpty() || !current.get().deleted() || !current.get().deletedAt().isBefore(cutoff)) {
            return Result.ok(false); // restored or purged by another instance meanwhile
        }
        Project project = current.get();
        dependents.forEach(d -> d.purge(project));
        var environments = ctx.environments().ofProject(project.id());
        for (Environment e : environments) {
            var deleted = ctx.authorizer().delete(RelationshipFilter.ofResource(ProjectContext.ref(e.id())));
            if (!deleted.isOk()) {
                return Result.fail(deleted.failure());
            }
        }
        ctx.environments().removeAllOf(project.id());
        var deleted = ctx.authorizer().delete(RelationshipFilter.ofResource(ProjectContext.ref(project.id())));
        if (!deleted.isOk()) {
            return Result.fail(deleted.failure());
        }
        ctx.projects().remove(project.id());
        ctx.auditor().record(caller, "project.purged", "project", project.id(), project.organizationId(),
                Map.of("deleted_at", project.deletedAt().toString(), "environments", environments.size()));
        ctx.events().record("project.purged", project.organizationId(), Map.of("project_id", project.id().text(),
                "organization_id", project.organizationId().text()));
        return Result.ok(true);
    }
}
