package dev.gatehouse.core.tokens;

import dev.gatehouse.core.authorization.ObjectRef;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.ProjectId;
import dev.gatehouse.core.shared.Result;

/**
 * Replaces a project's active signing key ({@code signing_keys_write}): a new active key of the
 * requested algorithm (default: the current key's, else EdDSA), the previous one retired (it keeps
 * verifying for {@link ProjectSigningKey#MAX_TOKEN_TTL} + {@link ProjectSigningKey#LEEWAY}). Audit
 * and domain event {@code signing_key.rotated} commit with it. Concurrent rotations take turns.
 */
public final class RotateSigningKey {
    public record Command(Caller caller, ProjectId project, String algorithm) {
    }

    private final SigningKeyContext ctx;

    public RotateSigningKey(SigningKeyContext ctx) {
        this.ctx = ctx;
    }

    public Result<ProjectSigningKey> handle(Command c) {
        SigningAlgorithm algorithm = null;
        if (c.algorithm() != null) {
            var parsed = SigningAlgorithm.parse(c.algorithm());
            if (parsed.isEmpty()) {
                return Result.fail(Failure.invalid("algorithm", "must be one of: EdDSA, ES256"));
            }
            algorithm = parsed.get();
        }
        SigningAlgorithm chosen = algorithm;
        Result<ProjectSigningKey> rotated = ctx.tx().inTransaction(() -> {
            var project = ctx.liveProject(c.project());
            if (project.isEmpty()) {
                return Result.fail(Failure.notFound("Project"));
            }
            var denied = ctx.access().require(c.caller(), new ObjectRef("project", c.project().text()), "signing_keys_write",
                    "projects_read", "Project");
            if (denied.isPresent()) {
                return Result.fail(denied.get());
            }
            return Result.ok(ctx.rotate(c.caller(), project.get(), chosen, "requested"));
        });
        ctx.activeKeys().invalidate(c.project()); // again after the commit: no exchange caches the retired key meanwhile
        return rotated;
    }
}
