package dev.gatehouse.postgres;

import dev.gatehouse.core.shared.ListQuery;
import dev.gatehouse.core.shared.MembershipId;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Page;
import dev.gatehouse.core.shared.UserId;
import dev.gatehouse.core.tenancy.Membership;
import dev.gatehouse.core.tenancy.Memberships;
import dev.gatehouse.core.tenancy.Role;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** {@link Memberships} in {@code memberships}, one row per (organization, user). */
final class JdbcMemberships implements Memberships {
    private static final Map<String, String> SORT_COLUMNS = Map.of("created_at", "created_at", "updated_at", "updated_at",
            "role", "role");

    private final Sql sql;

    JdbcMemberships(Sql sql) {
        this.sql = sql;
    }

    @Override
    public boolean add(Membership m) {
        return sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO memberships (id, organization_id, user_id, role,"
                    + " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                ps.setObject(1, m.id().value());
                ps.setObject(2, m.organizationId().value());
                ps.setObject(3, m.userId().value());
                ps.setString(4, m.role().relation());
                Sql.setInstant(ps, 5, m.createdAt());
                Sql.setInstant(ps, 6, m.updatedAt());
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public void update(Membership m) {
        sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE memberships SET role = ?, updated_at = ? WHERE id = ?")) {
                ps.setString(1, m.role().relation());
                Sql.setInstant(ps, 2, m.updatedAt());
                ps.setObject(3, m.id().value());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public void remove(Membership m) {
        sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM memberships WHERE id = ?")) {
                ps.setObject(1, m.id().value());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public Optional<Membership> byUser(OrganizationId organization, UserId user) {
        return sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM memberships WHERE organization_id = ? AND user_id = ?")) {
                ps.setObject(1, organization.value());
                ps.setObject(2, user.value());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(fromRow(rs)) : Optional.<Membership>empty();
                }
            }
        });
    }

    @Override
    public long countWithRole(OrganizationId organization, Role role) {
        return sql.run(c -> {
            // FOR UPDATE: two concurrent demotions of the last two owners must not both see "two owners".
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM (SELECT 1 FROM memberships"
                    + " WHERE organization_id = ? AND role = ? FOR UPDATE) owners")) {
                ps.setObject(1, organization.value());
                ps.setString(2, role.relation());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    @Override
    public Page<Membership> list(OrganizationId organization, ListQuery q) {
        List<Object> params = new ArrayList<>();
        params.add(organization.value());
        StringBuilder where = new StringBuilder(" WHERE organization_id = ?");
        JdbcLists.times(q, where, params);
        if (q.status() != null) {
            where.append(" AND role = ?");
            params.add(q.status().toLowerCase(Locale.ROOT));
        }
        String order = JdbcLists.order(q, SORT_COLUMNS, "created_at");
        return sql.run(c -> {
            return JdbcLists.page(c, "memberships", where, order, params, q.page(), JdbcMemberships::fromRow);
        });
    }

    @Override
    public java.util.List<Membership> ofUser(UserId user) {
        return sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM memberships WHERE user_id = ? ORDER BY created_at, id")) {
                ps.setObject(1, user.value());
                java.util.List<Membership> out = new java.util.ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(fromRow(rs));
                    }
                }
                return out;
            }
        });
    }

    private static Membership fromRow(ResultSet rs) throws SQLException {
        return new Membership(new MembershipId(rs.getObject("id", UUID.class)),
                new OrganizationId(rs.getObject("organization_id", UUID.class)), new UserId(rs.getObject("user_id", UUID.class)),
                Role.valueOf(rs.getString("role").toUpperCase(Locale.ROOT)), Sql.instant(rs, "created_at"),
                Sql.instant(rs, "updated_at"));
    }
}
