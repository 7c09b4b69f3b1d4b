package dev.gatehouse.core.tenancy.projects;

import dev.gatehouse.core.authorization.RelationshipFilter;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.EnvironmentId;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.Reason;
import dev.gatehouse.core.shared.Result;

import java.util.Map;

/**
 * Deletes an environment of an active project ({@code environments_write} on the environment) with its
 * relationships. A project keeps at least one production environment: deleting the last one is refused.
 */
public final class DeleteEnvironment {
    private final ProjectContext ctx;

    public DeleteEnvironment(ProjectContext ctx) {
        this.ctx = ctx;
    }

    public Result<Environment> handle(Caller caller, EnvironmentId id) {
        return ctx.tx().inTransaction(() -> {
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
            ctx.environments().remove(id);
            var deleted = ctx.authorizer().delete(RelationshipFilter.ofResource(ProjectContext.ref(id)));
            if (!deleted.isOk()) {
                return Result.<Environment>fail(deleted.failure());
            }
            ctx.auditor().record(caller, "environment.deleted", "environment", id, env.organizationId(),
                    Map.of("project_id", env.projectId().text(), "name", env.name(), "kind", env.kind().wire()));
            ctx.events().record("environment.deleted", env.organizationId(), EnvironmentEvents.data(env));
            return Result.ok(env);
        });
    }
}
