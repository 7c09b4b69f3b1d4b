package dev.gatehouse.postgres;

import dev.gatehouse.core.shared.ProjectId;
import dev.gatehouse.core.shared.SigningKeyId;
import dev.gatehouse.core.tokens.ProjectSigningKey;
import dev.gatehouse.core.tokens.ProjectSigningKeys;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link ProjectSigningKeys} in {@code project_signing_keys}. The partial unique index
 * {@code project_signing_keys_one_active} keeps one active key per project; {@link #lock} takes a
 * transaction-level advisory lock per project (two-int key space: namespace "sgk1", project hash),
 * so writers take turns and, at READ COMMITTED, each sees what the previous one committed.
 */
final class JdbcProjectSigningKeys implements ProjectSigningKeys {
    /** The ASCII bytes of "sgk1": the namespace of these advisory locks. */
    private static final int LOCK_NAMESPACE = 0x73676b31;
    private final Sql sql;

    JdbcProjectSigningKeys(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void lock(ProjectId project) {
        UUID id = project.value();
        long h = id.getMostSignificantBits() ^ id.getLeastSignificantBits();
        int key = (int) (h ^ (h >>> 32));
        sql.one("SELECT pg_advisory_xact_lock(?, ?)", rs -> true, LOCK_NAMESPACE, key);
    }

    @Override
    public void add(ProjectSigningKey k) {
        sql.update("INSERT INTO project_signing_keys (id, project_id, algorithm, public_key, private_key_sealed, created_at,"
                + " retired_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                k.id().value(), k.projectId().value(), k.algorithm().jwsName(), k.publicKey(), k.sealedPrivateKey(),
                k.createdAt(), k.retiredAt());
    }

    @Override
    public boolean retire(SigningKeyId id, Instant at) {
        return sql.update("UPDATE project_signing_keys SET retired_at = ? WHERE id = ? AND retired_at IS NULL", at, id.value()) == 1;
    }

    @Override
    public Optional<ProjectSigningKey> active(ProjectId project) {
        return sql.one("SELECT * FROM project_signing_keys WHERE project_id = ? AND retired_at IS NULL",
                ProjectSigningKeyRows::map, project.value());
    }

    @Override
    public List<ProjectSigningKey> ofProject(ProjectId project) {
        return sql.query("SELECT * FROM project_signing_keys WHERE project_id = ? ORDER BY created_at, id",
                ProjectSigningKeyRows::map, project.value());
    }

    @Override
    public int removeAllOf(ProjectId project) {
        return sql.update("DELETE FROM project_signing_keys WHERE project_id = ?", project.value());
    }

}
