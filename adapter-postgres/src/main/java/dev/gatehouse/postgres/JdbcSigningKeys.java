package dev.gatehouse.postgres;

import dev.gatehouse.core.shared.ProjectId;
import dev.gatehouse.core.shared.SigningKeyId;
import dev.gatehouse.core.tokens.KeyOwner;
import dev.gatehouse.core.tokens.SigningKey;
import dev.gatehouse.core.tokens.SigningKeys;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * {@link SigningKeys} in {@code signing_keys}: the instance's keys have no {@code project_id}, a
 * project's keys name it. The partial unique index {@code signing_keys_one_active_per_project} keeps
 * one active key per project; {@link #lock} takes a transaction-level advisory lock per owner
 * (two-int key space: namespace "sgk1", owner hash; the instance hashes to 0), so writers take turns
 * and, at READ COMMITTED, each sees what the previous one committed. Adding an existing id fails
 * (primary key).
 */
final class JdbcSigningKeys implements SigningKeys {
    /** The ASCII bytes of "sgk1": the namespace of these advisory locks. */
    private static final int LOCK_NAMESPACE = 0x73676b31;
    private final Sql sql;

    JdbcSigningKeys(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void lock(KeyOwner owner) {
        int key = owner.projectId().map(p -> {
            UUID id = p.value();
            long h = id.getMostSignificantBits() ^ id.getLeastSignificantBits();
            return (int) (h ^ (h >>> 32));
        }).orElse(0);
        sql.one("SELECT pg_advisory_xact_lock(?, ?)", rs -> true, LOCK_NAMESPACE, key);
    }

    @Override
    public void add(SigningKey k) {
        sql.update("INSERT INTO signing_keys (id, project_id, algorithm, public_key, private_key, created_at, retired_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)",
                k.id().value(), k.owner().projectId().map(ProjectId::value).orElse(null), k.algorithm().jwsName(), k.publicKey(),
                k.privateKey(), k.createdAt(), k.retiredAt());
    }

    @Override
    public boolean retire(SigningKeyId id, Instant at) {
        return sql.update("UPDATE signing_keys SET retired_at = ? WHERE id = ? AND retired_at IS NULL", at, id.value()) == 1;
    }

    @Override
    public List<SigningKey> of(KeyOwner owner) {
        return owner.projectId()
                .map(p -> sql.query("SELECT * FROM signing_keys WHERE project_id = ? ORDER BY created_at, id", SigningKeyRows::map,
                        p.value()))
                .orElseGet(() -> sql.query("SELECT * FROM signing_keys WHERE project_id IS NULL ORDER BY created_at, id",
                        SigningKeyRows::map));
    }

    @Override
    public int removeAllOf(ProjectId project) {
        return sql.update("DELETE FROM signing_keys WHERE project_id = ?", project.value());
    }
}
