package dev.gatehouse.postgres;

import dev.gatehouse.core.authorization.ObjectRef;
import dev.gatehouse.core.roles.CustomRole;
import dev.gatehouse.core.roles.RoleAssignment;
import dev.gatehouse.core.roles.Roles;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Page;
import dev.gatehouse.core.shared.PageRequest;
import dev.gatehouse.core.shared.RoleAssignmentId;
import dev.gatehouse.core.shared.RoleId;
import dev.gatehouse.core.shared.UserId;
import dev.gatehouse.core.tenancy.Role;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link Roles} in {@code roles} and {@code role_assignments}. Name uniqueness (ignoring case) and
 * assignment uniqueness are unique indexes, so concurrent creators cannot both win; removing a role
 * cascades to its assignments.
 */
final class JdbcRoles implements Roles {
    private final Sql sql;

    JdbcRoles(Sql sql) {
        this.sql = sql;
    }

    @Override
    public boolean add(CustomRole r) {
        return sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO roles (id, organization_id, name, description, scopes,"
                    + " created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                ps.setObject(1, r.id().value());
                ps.setObject(2, r.organizationId().value());
                ps.setString(3, r.name());
                ps.setString(4, r.description());
                ps.setArray(5, c.createArrayOf("text", r.scopes().toArray()));
                ps.setString(6, r.createdBy());
                Sql.setInstant(ps, 7, r.createdAt());
                Sql.setInstant(ps, 8, r.updatedAt());
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public Optional<CustomRole> byId(RoleId id) {
        return one("SELECT * FROM roles WHERE id = ?", id);
    }

    @Override
    public Optional<CustomRole> lockById(RoleId id) {
        return one("SELECT * FROM roles WHERE id = ? FOR UPDATE", id);
    }

    private Optional<CustomRole> one(String query, RoleId id) {
        return sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(query)) {
                ps.setObject(1, id.value());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(role(rs)) : Optional.<CustomRole>empty();
                }
            }
        });
    }

    @Override
    public void update(CustomRole r) {
        sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE roles SET scopes = ?, updated_at = ? WHERE id = ?")) {
                ps.setArray(1, c.createArrayOf("text", r.scopes().toArray()));
                Sql.setInstant(ps, 2, r.updatedAt());
                ps.setObject(3, r.id().value());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public void remove(RoleId id) {
        sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM roles WHERE id = ?")) {
                ps.setObject(1, id.value());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public List<CustomRole> ofOrganization(OrganizationId organization) {
        return sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM roles WHERE organization_id = ? ORDER BY name, id")) {
                ps.setObject(1, organization.value());
                List<CustomRole> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(role(rs));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public boolean addAssignment(RoleAssignment a) {
        return sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO role_assignments (id, organization_id, role_id, built_in,"
                    + " user_id, resource_type, resource_id, expires_at, created_by, created_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                ps.setObject(1, a.id().value());
                ps.setObject(2, a.organizationId().value());
                ps.setObject(3, a.customRole() == null ? null : a.customRole().value());
                ps.setString(4, a.builtIn() == null ? null : a.builtIn().relation());
                ps.setObject(5, a.userId().value());
                ps.setString(6, a.resource().type());
                ps.setString(7, a.resource().id());
                Sql.setInstant(ps, 8, a.expiresAt());
                ps.setString(9, a.createdBy());
                Sql.setInstant(ps, 10, a.createdAt());
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public Optional<RoleAssignment> assignmentById(RoleAssignmentId id) {
        return sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM role_assignments WHERE id = ?")) {
                ps.setObject(1, id.value());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(assignment(rs)) : Optional.<RoleAssignment>empty();
                }
            }
        });
    }

    @Override
    public void removeAssignment(RoleAssignmentId id) {
        sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM role_assignments WHERE id = ?")) {
                ps.setObject(1, id.value());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public List<RoleAssignment> assignmentsOf(RoleId role) {
        return sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM role_assignments WHERE role_id = ? ORDER BY created_at, id")) {
                ps.setObject(1, role.value());
                List<RoleAssignment> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(assignment(rs));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public Page<RoleAssignment> assignments(OrganizationId organization, AssignmentFilter f, PageRequest page) {
        List<Object> params = new ArrayList<>();
        params.add(organization.value());
        StringBuilder where = new StringBuilder(" WHERE organization_id = ?");
        if (f.user() != null) {
            where.append(" AND user_id = ?");
            params.add(f.user().value());
        }
        if (f.role() != null) {
            var custom = RoleId.parse(f.role());
            if (custom.isPresent()) {
                where.append(" AND role_id = ?");
                params.add(custom.get().value());
            } else {
                where.append(" AND built_in = ?");
                params.add(f.role());
            }
        }
        if (f.resource() != null) {
            where.append(" AND resource_type = ? AND resource_id = ?");
            params.add(f.resource().type());
            params.add(f.resource().id());
        }
        return sql.run(c -> JdbcLists.page(c, "role_assignments", where, " ORDER BY created_at DESC, id", params, page,
                JdbcRoles::assignment));
    }

    private static CustomRole role(ResultSet rs) throws SQLException {
        Array scopes = rs.getArray("scopes");
        return new CustomRole(new RoleId(rs.getObject("id", UUID.class)),
                new OrganizationId(rs.getObject("organization_id", UUID.class)), rs.getString("name"),
                rs.getString("description"), Arrays.asList((String[]) scopes.getArray()), rs.getString("created_by"),
                Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"));
    }

    private static RoleAssignment assignment(ResultSet rs) throws SQLException {
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
