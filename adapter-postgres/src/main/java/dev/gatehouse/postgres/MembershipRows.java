package dev.gatehouse.postgres;

import dev.gatehouse.core.shared.MembershipId;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.UserId;
import dev.gatehouse.core.tenancy.Membership;
import dev.gatehouse.core.tenancy.Role;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.UUID;

/** The row mapper of {@code memberships} (the role is its relation name). */
final class MembershipRows {
    private MembershipRows() {
    }

    static Membership map(ResultSet rs) throws SQLException {
        return new Membership(new MembershipId(rs.getObject("id", UUID.class)),
                new OrganizationId(rs.getObject("organization_id", UUID.class)), new UserId(rs.getObject("user_id", UUID.class)),
                Role.valueOf(rs.getString("role").toUpperCase(Locale.ROOT)), Sql.instant(rs, "created_at"),
                Sql.instant(rs, "updated_at"));
    }
}
