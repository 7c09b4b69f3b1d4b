package dev.gatehouse.postgres;

import dev.gatehouse.core.keys.ApiKey;
import dev.gatehouse.core.keys.ApiKeyStatus;
import dev.gatehouse.core.shared.ApiKeyId;
import dev.gatehouse.core.shared.EnvironmentId;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.ProjectId;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Set;
import java.util.UUID;

/** The row mapper of {@code api_keys} (the hash of the secret, never the secret; {@code scopes} a text array). */
final class ApiKeyRows {
    private ApiKeyRows() {
    }

    static ApiKey map(ResultSet rs) throws SQLException {
        UUID project = rs.getObject("project_id", UUID.class);
        UUID env = rs.getObject("environment_id", UUID.class);
        UUID replacedBy = rs.getObject("replaced_by", UUID.class);
        String[] scopes = (String[]) rs.getArray("scopes").getArray();
        return new ApiKey(new ApiKeyId(rs.getObject("id", UUID.class)),
                new OrganizationId(rs.getObject("organization_id", UUID.class)),
                project == null ? null : new ProjectId(project), env == null ? null : new EnvironmentId(env),
                rs.getString("name"), Set.copyOf(Arrays.asList(scopes)), rs.getString("key_hash"), rs.getString("prefix"),
                Sql.instant(rs, "expires_at"), rs.getString("rate_limit_tier"), rs.getString("created_by"),
                Sql.instant(rs, "created_at"), Sql.instant(rs, "last_used_at"),
                ApiKeyStatus.parse(rs.getString("status")).orElseThrow(), Sql.instant(rs, "revoked_at"),
                Sql.instant(rs, "rotation_ends_at"), replacedBy == null ? null : new ApiKeyId(replacedBy),
                rs.getInt("expiry_warnings"), rs.getString("revoked_reason"));
    }
}
