package dev.gatehouse.core.tokens;

import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.ProjectId;
import dev.gatehouse.core.shared.Result;
import dev.gatehouse.core.shared.Transactions;

/**
 * Replaces a project's active signing key ({@code signing_keys_write}): a new active key of the
 * requested algorithm (default: the current key's, else EdDSA), the previous one retired (it keeps
 * verifying for {@link SigningKey#MAX_TOKEN_TTL} + {@link SigningKey#LEEWAY}). Audit and domain event
 * {@code signing_key.rotated} commit with it. Concurrent rotations take turns.
 */
public record RotateSigningKey(ProjectKeyRing ring, ActiveKeyCache activeKeys, KeyProjects projects, Transactions tx) {
    public record Command(Caller caller, ProjectId project, String algorithm) {
    }

    public Result<SigningKey> handle(Command c) {
        SigningAlgorithm algorithm = null;
        if (c.algorithm() != null) {
            var parsed = SigningAlgorithm.parse(c.algorithm());
            if (parsed.isEmpty()) {
                return Result.fail(Failure.invalid("algorithm", "must be one of: EdDSA, ES256"));
            }
            algorithm = parsed.get();
        }
        SigningAlgorithm chosen = algorithm;
        Result<SigningKey> rotated = tx.inTransaction(() -> projects.reach(c.caller(), c.project(), "signing_keys_write")
                .map(project -> ring.rotate(c.caller(), project, chosen, "requested")));
        activeKeys.invalidate(c.project()); // again after the commit: no exchange caches the retired key meanwhile
        return rotated;
    }
}
