package dev.gatehouse.postgres;

import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.ProjectId;
import dev.gatehouse.core.tenancy.projects.Project;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/** The row mapper of {@code projects}. */
final class ProjectRows {
    private ProjectRows() {
    }

    static Project map(ResultSet rs) throws SQLException {
        return new Project(new ProjectId(rs.getObject("id", UUID.class)),
                new OrganizationId(rs.getObject("organization_id", UUID.class)), rs.getString("name"),
                rs.getString("description"), Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"),
                Sql.instant(rs, "deleted_at"));
    }
}
