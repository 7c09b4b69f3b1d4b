package dev.gatehouse.core.tokens;

import dev.gatehouse.core.authorization.ObjectRef;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.ProjectId;
import dev.gatehouse.core.shared.Result;

import java.util.List;

/**
 * A project's signing keys, oldest first, public parts only ({@code signing_keys_read}); the first
 * key is created here when the project has none. Keys whose verification window has ended are
 * listed as {@code expired} (no longer in the JWKS); their rows stay until the project is purged.
 */
public final class ListSigningKeys {
    private final SigningKeyContext ctx;

    public ListSigningKeys(SigningKeyContext ctx) {
        this.ctx = ctx;
    }

    public Result<List<ProjectSigningKey>> handle(Caller caller, ProjectId projectId) {
        return ctx.tx().inTransaction(() -> {
            var project = ctx.liveProject(projectId);
            if (project.isEmpty()) {
                return Result.fail(Failure.notFound("Project"));
            }
            var denied = ctx.access().require(caller, new ObjectRef("project", projectId.text()), "signing_keys_read",
                    "projects_read", "Project");
            if (denied.isPresent()) {
                return Result.fail(denied.get());
            }
            ctx.ensureActive(caller, project.get());
            return Result.ok(ctx.keys().ofProject(projectId));
        });
    }
}
