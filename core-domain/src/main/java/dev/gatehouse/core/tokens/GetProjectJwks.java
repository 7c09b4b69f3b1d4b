package dev.gatehouse.core.tokens;

import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.ProjectId;
import dev.gatehouse.core.shared.Result;

import java.time.Instant;
import java.util.List;

/**
 * The public keys that verify a project's access tokens: the active key and retired keys still in
 * their verification window. Public (no caller check): downstream services fetch it. A deleted or
 * unknown project has none (not found). The first key is created here when the project has none.
 */
public final class GetProjectJwks {
    private final SigningKeyContext ctx;

    public GetProjectJwks(SigningKeyContext ctx) {
        this.ctx = ctx;
    }

    public Result<List<Jwk>> handle(Caller caller, ProjectId projectId) {
        return ctx.tx().inTransaction(() -> {
            var project = ctx.liveProject(projectId);
            if (project.isEmpty()) {
                return Result.fail(Failure.notFound("Project"));
            }
            ctx.ensureActive(caller, project.get());
            Instant now = ctx.clock().instant();
            return Result.ok(ctx.keys().ofProject(projectId).stream().filter(k -> k.publishedAt(now))
                    .map(ProjectSigningKey::jwk).toList());
        });
    }
}
