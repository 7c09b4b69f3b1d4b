package dev.gatehouse.core.tenancy.projects;

import dev.gatehouse.core.platform.Platform;
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
public record DeleteEnvironment(Projects projects, Environments environments, ProjectAccess access,
                                ProjectRelationships relationships, Cascade cascade, Platform platform) {
    public Result<Environment> handle(Caller caller, EnvironmentId id) {
        Ending[] ending = {null};
        Result<Environment> done = platform.transactions().inTransaction(() -> {
            var found = environments.byId(id)
                    .filter(e -> projects.byId(e.projectId()).filter(p -> !p.deleted()).isPresent());
            if (found.isEmpty()) {
                return Result.<Environment>fail(Failure.notFound("Environment"));
            }
            var denied = access.onEnvironment(caller, id, "environments_write");
            if (denied.isPresent()) {
                return Result.<Environment>fail(denied.get());
            }
            Environment env = found.get();
            if (env.kind() == EnvironmentKind.PRODUCTION && environments.ofProject(env.projectId()).stream()
                    .filter(e -> e.kind() == EnvironmentKind.PRODUCTION).count() == 1) {
                return Result.<Environment>fail(Failure.of(Reason.INVALID_STATE,
                        "A project must keep at least one production environment; this is its last one.")
                        .withDetail("rule", "last_production_environment"));
            }
            ending[0] = new Ending(caller, new Scope.Environment(env.organizationId(), env.projectId(), id),
                    Cause.ENVIRONMENT_DELETED, platform.clock().instant());
            var beneath = cascade.run(ending[0]);
            if (!beneath.isOk()) {
                return Result.<Environment>fail(beneath.failure());
            }
            environments.remove(id);
            var deleted = relationships.removed(id);
            if (!deleted.isOk()) {
                return Result.<Environment>fail(deleted.failure());
            }
            platform.auditor().record(caller, "environment.deleted", "environment", id, env.organizationId(),
                    Map.of("project_id", env.projectId().text(), "name", env.name(), "kind", env.kind().wire()));
            platform.events().record(new dev.gatehouse.core.events.TenancyEvent.EnvironmentDeleted(env.organizationId(), EnvironmentEvents.data(env)));
            return Result.ok(env);
        });
        if (done.isOk()) {
            cascade.settle(ending[0]);
        }
        return done;
    }
}
