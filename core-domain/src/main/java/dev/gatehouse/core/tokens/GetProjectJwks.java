package dev.gatehouse.core.tokens;

import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.ProjectId;
import dev.gatehouse.core.shared.Result;
import dev.gatehouse.core.shared.Transactions;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The public keys that verify a project's access tokens: the active key and retired keys still in
 * their verification window. Public (no caller check): downstream services fetch it. A deleted or
 * unknown project has none (not found). The first key is created here when the project has none.
 */
public record GetProjectJwks(SigningKeys keys, ProjectKeyRing ring, KeyProjects projects, Transactions tx,
                             Clock clock) {
    public Result<List<Jwk>> handle(Caller caller, ProjectId projectId) {
        return tx.inTransaction(() -> projects.reach(caller, projectId, null).map(project -> {
            ring.ensureActive(caller, project);
            return published(keys.of(KeyOwner.project(projectId)), clock.instant());
        }));
    }

    /** The JWKs of the keys published at {@code now}, oldest first. */
    static List<Jwk> published(List<SigningKey> keys, Instant now) {
        return keys.stream().filter(k -> k.publishedAt(now)).map(SigningKey::jwk).toList();
    }
}
