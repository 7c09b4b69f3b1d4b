package dev.gatehouse.postgres;

import dev.gatehouse.core.shared.ProjectId;
import dev.gatehouse.core.shared.SigningKeyId;
import dev.gatehouse.core.tokens.ProjectSigningKey;
import dev.gatehouse.core.tokens.ProjectSigningKeys;
import dev.gatehouse.core.tokens.SigningAlgorithm;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
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
        sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(?, ?)")) {
                ps.setInt(1, LOCK_NAMESPACE);
                ps.setInt(2, key);
                ps.execute();
                return null;
            }
        });
    }

    @Override
    public void add(ProjectSigningKey k) {
        sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO project_signing_keys (id, project_id, algorithm,"
                    + " public_key, private_key_sealed, created_at, retired_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                ps.setObject(1, k.id().value());
                ps.setObject(2, k.projectId().value());
                ps.setString(3, k.algorithm().jwsName());
                ps.setBytes(4, k.publicKey());
                ps.setBytes(5, k.sealedPrivateKey());
                Sql.setInstant(ps, 6, k.createdAt());
                Sql.setInstant(ps, 7, k.retiredAt());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public boolean retire(SigningKeyId id, Instant at) {
        return sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE project_signing_keys SET retired_at = ? WHERE id = ? AND retired_at IS NULL")) {
                Sql.setInstant(ps, 1, at);
                ps.setObject(2, id.value());
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public Optional<ProjectSigningKey> active(ProjectId project) {
        List<ProjectSigningKey> found = query("SELECT * FROM project_signing_keys WHERE project_id = ? AND retired_at IS NULL",
                project);
        return found.stream().findFirst();
    }

    @Override
    public List<ProjectSigningKey> ofProject(ProjectId project) {
        return query("SELECT * FROM project_signing_keys WHERE project_id = ? ORDER BY created_at, id", project);
    }

    @Override
    public int removeAllOf(ProjectId project) {
        return sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM project_signing_keys WHERE project_id = ?")) {
                ps.setObject(1, project.value());
                return ps.executeUpdate();
            }
        });
    }

    private List<ProjectSigningKey> query(String query, ProjectId project) {
        return sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(query)) {
                ps.setObject(1, project.value());
                List<ProjectSigningKey> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(key(rs));
                    }
                }
                return out;
            }
        });
    }

    private static ProjectSigningKey key(ResultSet rs) throws SQLException {
        return new ProjectSigningKey(new SigningKeyId(rs.getObject("id", UUID.class)),
                new ProjectId(rs.getObject("project_id", UUID.class)),
                SigningAlgorithm.byJwsName(rs.getString("algorithm")).orElseThrow(),
                rs.getBytes("public_key"), rs.getBytes("private_key_sealed"),
                Sql.instant(rs, "created_at"), Sql.instant(rs, "retired_at"));
    }
}
