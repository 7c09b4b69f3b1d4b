package dev.gatehouse.postgres;

import dev.gatehouse.core.shared.ProjectId;
import dev.gatehouse.core.shared.SigningKeyId;
import dev.gatehouse.core.tokens.ProjectSigningKey;
import dev.gatehouse.core.tokens.SigningAlgorithm;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/** The row mapper of {@code project_signing_keys} (the private key sealed, never in clear). */
final class ProjectSigningKeyRows {
    private ProjectSigningKeyRows() {
    }

    static ProjectSigningKey map(ResultSet rs) throws SQLException {
        return new ProjectSigningKey(new SigningKeyId(rs.getObject("id", UUID.class)),
                new ProjectId(rs.getObject("project_id", UUID.class)),
                SigningAlgorithm.byJwsName(rs.getString("algorithm")).orElseThrow(),
                rs.getBytes("public_key"), rs.getBytes("private_key_sealed"),
                Sql.instant(rs, "created_at"), Sql.instant(rs, "retired_at"));
    }
}
