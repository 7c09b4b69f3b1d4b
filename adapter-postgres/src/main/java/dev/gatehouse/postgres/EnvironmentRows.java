package dev.gatehouse.postgres;

import dev.gatehouse.core.shared.EnvironmentId;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.ProjectId;
import dev.gatehouse.core.tenancy.projects.Environment;
import dev.gatehouse.core.tenancy.projects.EnvironmentKind;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/** The row mapper of {@code environments}. */
final class EnvironmentRows {
    private EnvironmentRows() {
    }

    static Environment map(ResultSet rs) throws SQLException {
        return new Environment(new EnvironmentId(rs.getObject("id", UUID.class)),
                new ProjectId(rs.getObject("project_id", UUID.class)),
                new OrganizationId(rs.getObject("organization_id", UUID.class)), rs.getString("name"),
                EnvironmentKind.parse(rs.getString("kind")).orElseThrow(), Sql.instant(rs, "created_at"));
    }
}
