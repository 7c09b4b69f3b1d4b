package dev.gatehouse.postgres;

import dev.gatehouse.core.authorization.ObjectRef;
import dev.gatehouse.core.roles.RoleAssignment;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.RoleAssignmentId;
import dev.gatehouse.core.shared.RoleId;
import dev.gatehouse.core.shared.UserId;
import dev.gatehouse.core.tenancy.Role;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.UUID;

/** The row mapper of {@code role_assignments}: a custom role ({@code role_id}) or a built-in one ({@code built_in}). */
final class RoleAssignmentRows {
    private RoleAssignmentRows() {
    }

    static RoleAssignment map(ResultSet rs) throws SQLException {
        UUID role = rs.getObject("role_id", UUID.class);
        String builtIn = rs.getString("built_in");
        return new RoleAssignment(new RoleAssignmentId(rs.getObject("id", UUID.class)),
                new OrganizationId(rs.getObject("organization_id", UUID.class)), role == null ? null : new RoleId(role),
                builtIn == null ? null : Role.valueOf(builtIn.toUpperCase(Locale.ROOT)),
                new UserId(rs.getObject("user_id", UUID.class)),
                new ObjectRef(rs.getString("resource_type"), rs.getString("resource_id")), Sql.instant(rs, "expires_at"),
                rs.getString("created_by"), Sql.instant(rs, "created_at"));
    }
}
