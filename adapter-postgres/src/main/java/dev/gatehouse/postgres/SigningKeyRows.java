package dev.gatehouse.postgres;

import dev.gatehouse.core.shared.ProjectId;
import dev.gatehouse.core.shared.SigningKeyId;
import dev.gatehouse.core.tokens.KeyOwner;
import dev.gatehouse.core.tokens.SigningAlgorithm;
import dev.gatehouse.core.tokens.SigningKey;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/** The row mapper of {@code signing_keys} (DER-encoded key material; the private key sealed, or plain in old instance rows). */
final class SigningKeyRows {
    private SigningKeyRows() {
    }

    static SigningKey map(ResultSet rs) throws SQLException {
        UUID project = rs.getObject("project_id", UUID.class);
        return new SigningKey(new SigningKeyId(rs.getObject("id", UUID.class)),
                project == null ? KeyOwner.instance() : KeyOwner.project(new ProjectId(project)),
                SigningAlgorithm.byJwsName(rs.getString("algorithm")).orElseThrow(),
                rs.getBytes("public_key"), rs.getBytes("private_key"),
                Sql.instant(rs, "created_at"), Sql.instant(rs, "retired_at"));
    }
}
