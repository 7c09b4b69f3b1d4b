package dev.gatehouse.postgres;

import dev.gatehouse.core.roles.CustomRole;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.RoleId;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.UUID;

/** The row mapper of {@code roles} ({@code scopes} a text array). */
final class CustomRoleRows {
    private CustomRoleRows() {
    }

    static CustomRole map(ResultSet rs) throws SQLException {
        Array scopes = rs.getArray("scopes");
        return new CustomRole(new RoleId(rs.getObject("id", UUID.class)),
                new OrganizationId(rs.getObject("organization_id", UUID.class)), rs.getString("name"),
                rs.getString("description"), Arrays.asList((String[]) scopes.getArray()), rs.getString("created_by"),
                Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"));
    }
}
