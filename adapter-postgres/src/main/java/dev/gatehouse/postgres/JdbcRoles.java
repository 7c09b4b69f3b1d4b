package dev.gatehouse.postgres;

import dev.gatehouse.core.roles.CustomRole;
import dev.gatehouse.core.roles.RoleAssignment;
import dev.gatehouse.core.roles.Roles;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Page;
import dev.gatehouse.core.shared.PageRequest;
import dev.gatehouse.core.shared.RoleAssignmentId;
import dev.gatehouse.core.shared.RoleId;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link Roles} in {@code roles} and {@code role_assignments}. Name uniqueness (ignoring case) and
 * assignment uniqueness are unique indexes, so concurrent creators cannot both win; removing a role
 * cascades to its assignments.
 */
final class JdbcRoles extends JdbcRemovableTable<CustomRole, RoleId> implements Roles {
    private static final String INSERT = insert("roles",
            "id, organization_id, name, description, scopes, created_by, created_at, updated_at") + " ON CONFLICT DO NOTHING";
    private static final String INSERT_ASSIGNMENT = insert("role_assignments",
            "id, organization_id, role_id, built_in, user_id, resource_type, resource_id, expires_at, "
            + "created_by, created_at") + " ON CONFLICT DO NOTHING";

    JdbcRoles(Sql sql) {
        super(sql, "roles", CustomRoleRows::map);
    }

    @Override
    public boolean add(CustomRole r) {
        return sql.update(INSERT,
                r.id().value(), r.organizationId().value(), r.name(), r.description(), r.scopes().toArray(String[]::new),
                r.createdBy(), r.createdAt(), r.updatedAt()) == 1;
    }

    @Override
    public void update(CustomRole r) {
        sql.update("UPDATE roles SET scopes = ?, updated_at = ? WHERE id = ?", r.scopes().toArray(String[]::new), r.updatedAt(),
                r.id().value());
    }

    @Override
    public List<CustomRole> ofOrganization(OrganizationId organization) {
        return sql.query("SELECT * FROM roles WHERE organization_id = ? ORDER BY name, id", CustomRoleRows::map,
                organization.value());
    }

    @Override
    public boolean addAssignment(RoleAssignment a) {
        return sql.update(INSERT_ASSIGNMENT,
                a.id().value(), a.organizationId().value(), a.customRole() == null ? null : a.customRole().value(),
                a.builtIn() == null ? null : a.builtIn().relation(), a.userId().value(), a.resource().type(), a.resource().id(),
                a.expiresAt(), a.createdBy(), a.createdAt()) == 1;
    }

    @Override
    public Optional<RoleAssignment> assignmentById(RoleAssignmentId id) {
        return sql.one("SELECT * FROM role_assignments WHERE id = ?", RoleAssignmentRows::map, id.value());
    }

    @Override
    public void removeAssignment(RoleAssignmentId id) {
        sql.update("DELETE FROM role_assignments WHERE id = ?", id.value());
    }

    @Override
    public List<RoleAssignment> assignmentsOf(RoleId role) {
        return sql.query("SELECT * FROM role_assignments WHERE role_id = ? ORDER BY created_at, id", RoleAssignmentRows::map,
                role.value());
    }

    @Override
    public Page<RoleAssignment> assignments(OrganizationId organization, AssignmentFilter f, PageRequest page) {
        List<Object> params = new ArrayList<>();
        params.add(organization.value());
        StringBuilder where = new StringBuilder(" WHERE organization_id = ?");
        JdbcLists.filter(where, params, "user_id = ?", f.user());
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
                RoleAssignmentRows::map));
    }
}
