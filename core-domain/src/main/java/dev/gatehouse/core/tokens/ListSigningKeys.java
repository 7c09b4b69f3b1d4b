package dev.gatehouse.core.tokens;

import dev.gatehouse.core.shared.Transactions;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.ProjectId;
import dev.gatehouse.core.shared.Result;

import java.util.List;

/**
 * A project's signing keys, oldest first, public parts only ({@code signing_keys_read}); the first
 * key is created here when the project has none. Keys whose verification window has ended are
 * listed as {@code expired} (no longer in the JWKS); their rows stay until the project is purged.
 */
public record ListSigningKeys(SigningKeys keys, ProjectKeyRing ring, KeyProjects projects, Transactions tx) {
    public Result<List<SigningKey>> handle(Caller caller, ProjectId projectId) {
        return tx.inTransaction(() -> projects.reach(caller, projectId, "signing_keys_read").map(project -> {
            ring.ensureActive(caller, project);
            return keys.of(KeyOwner.project(projectId));
        }));
    }
}
