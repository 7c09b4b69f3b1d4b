package dev.gatehouse.postgres;

import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.tenancy.Organization;
import dev.gatehouse.core.tenancy.OrganizationSettings;
import dev.gatehouse.core.tenancy.Slug;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/** The row mapper of {@code organizations}. */
final class OrganizationRows {
    private OrganizationRows() {
    }

    static Organization map(ResultSet rs) throws SQLException {
        return new Organization(new OrganizationId(rs.getObject("id", UUID.class)), rs.getString("name"),
                new Slug(rs.getString("slug")), rs.getString("tier"),
                new OrganizationSettings(rs.getString("timezone"), rs.getString("locale")),
                Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"), Sql.instant(rs, "deleted_at"));
    }
}
