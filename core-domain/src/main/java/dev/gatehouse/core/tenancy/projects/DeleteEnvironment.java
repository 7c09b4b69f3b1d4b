package dev.gatehouse.core.tenancy.projects;

import dev.gatehouse.core.authorization.RelationshipFilter;
import dev.gatehouse.core.lifecycle.Cascade;
import dev.gatehouse.core.lifecycle.Cause;
import dev.gatehouse.core.lifecycle.Ending;
import dev.gatehouse.core.lifecycle.Scope;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.EnvironmentId;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.Reason;
import dev.gatehouse.core.shared.Result;

import java.util.Map;

/**
 * Deletes an environment of an active project ({@code environments_write} on the environment) with its
 * relationships. A project keeps at least one production environment: deleting the last one is refused.
 * In the same transaction the {@link Cascade} stops what works beneath it (cause
 * {@code environment_deleted}): its API keys are revoked (and stay listed under the project as such),
 * role assignments on it removed, grants on it revoked, pending requests cancelled.
 */
public final class DeleteEnvironment {
    private final ProjectContext ctx;
    private final Cascade cascade;

    public DeleteEnvironment(ProjectContext ctx) {
        this(ctx, new Cascade());
    }

    public DeleteEnvironment(ProjectContext ctx, Cascade cascade) {
        this.ctx = ctx;
        this.cascade = cascade;
    }

    public Result<Environment> handle(Caller caller, EnvironmentId id) {
        Ending[] ending = {null};
        Result<Environment> done = ctx.tx().inTransaction(() -> {
            var found = ctx.environments().byId(id)
                    .filter(e -> ctx.projects().byId(e.projectId()).filter(p -> !p.deleted()).isPresent());
            if (found.isEmpty()) {
                return Result.<Environment>fail(Failure.notFound("Environment"));
            }
            var denied = ctx.access().require(caller, ProjectContext.ref(id), "environments_write", "environments_read",
                    "Environment");
            if (denied.isPresent()) {
                return Result.<Environment>fail(denied.get());
            }
            Environment env = found.get();
            if (env.kind() == EnvironmentKind.PRODUCTION && ctx.environments().ofProject(env.projectId()).stream()
                    .filter(e -> e.kind() == EnvironmentKind.PRODUCTION).count() == 1) {
                return Result.<Environment>fail(Failure.of(Reason.INVALID_STATE,
                        "A project must keep at least one production environment; this is its last one.")
                        .withDetail("rule", "last_production_environment"));
            }
            ending[0] = new Ending(caller, new Scope.Environment(env.organizationId(), env.projectId(), id),
                    Cause.ENVIRONMENT_DELETED, ctx.clock().instant());
            var beneath = cascade.run(ending[0]);
            if (!beneath.isOk()) {
                return Result.<Environment>fail(beneath.failure());
            }
            ctx.environments().remove(id);
            var deleted = ctx.authorizer().delete(RelationshipFilter.ofResource(ProjectContext.ref(id)));
            if (!deleted.isOk()) {
                return Result.<Environment>fail(deleted.failure());
            }
            ctx.auditor().record(caller, "environment.deleted", "environment", id, env.organizationId(),
                    Map.of("project_id", env.projectId().text(), "name", env.name(), "kind", env.kind().wire()));
            ctx.events().record(new dev.gatehouse.core.events.TenancyEvent.EnvironmentDeleted(env.organizationId(), EnvironmentEvents.data(env)));
            return Result.ok(env);
        });
        if (done.isOk()) {
            cascade.settle(ending[0]);
        }
        return done;
    }
}
