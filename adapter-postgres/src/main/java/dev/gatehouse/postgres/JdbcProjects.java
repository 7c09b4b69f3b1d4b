package dev.gatehouse.postgres;

import dev.gatehouse.core.shared.ListQuery;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Page;
import dev.gatehouse.core.shared.ProjectId;
import dev.gatehouse.core.tenancy.projects.Project;
import dev.gatehouse.core.tenancy.projects.Projects;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** {@link Projects} in the {@code projects} table. */
final class JdbcProjects implements Projects {
    /** Sortable fields to SQL; text compares COLLATE "C" (code point order, as {@code String.compareTo}). */
    private static final Map<String, String> SORT_COLUMNS = Map.of(
            "created_at", "created_at",
            "updated_at", "updated_at",
            "name", "name COLLATE \"C\"");

    private final Sql sql;

    JdbcProjects(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void add(Project p) {
        sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO projects (id, organization_id, name, description,"
                    + " created_at, updated_at, deleted_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                ps.setObject(1, p.id().value());
                ps.setObject(2, p.organizationId().value());
                ps.setString(3, p.name());
                ps.setString(4, p.description());
                Sql.setInstant(ps, 5, p.createdAt());
                Sql.setInstant(ps, 6, p.updatedAt());
                Sql.setInstant(ps, 7, p.deletedAt());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public void update(Project p) {
        sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE projects SET name = ?, description = ?, updated_at = ?,"
                    + " deleted_at = ? WHERE id = ?")) {
                ps.setString(1, p.name());
                ps.setString(2, p.description());
                Sql.setInstant(ps, 3, p.updatedAt());
                Sql.setInstant(ps, 4, p.deletedAt());
                ps.setObject(5, p.id().value());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public Optional<Project> byId(ProjectId id) {
        return sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM projects WHERE id = ?")) {
                ps.setObject(1, id.value());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(project(rs)) : Optional.<Project>empty();
                }
            }
        });
    }

    @Override
    public Page<Project> list(Scope scope, ListQuery q) {
        if (scope.only() != null && scope.only().isEmpty()) {
            return new Page<>(List.of(), q.page().page(), q.page().perPage(), 0);
        }
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder(scope.deleted() ? " WHERE deleted_at IS NOT NULL" : " WHERE deleted_at IS NULL");
        if (scope.only() != null) {
            where.append(" AND id = ANY (?)");
            params.add(scope.only().stream().map(ProjectId::value).toArray(UUID[]::new));
        }
        if (scope.organization() != null) {
            where.append(" AND organization_id = ?");
            params.add(scope.organization().value());
        }
        JdbcLists.times(q, where, params);
        Optional<String> search = q.searchTerm().map(s -> s.toLowerCase(Locale.ROOT));
        if (search.isPresent()) {
            // strpos, not LIKE: the term's % and _ are plain characters
            where.append(" AND (strpos(lower(name), ?) > 0 OR strpos(lower(coalesce(description, '')), ?) > 0)");
            params.add(search.get());
            params.add(search.get());
        }
        String order = JdbcLists.order(q, SORT_COLUMNS, "created_at DESC");
        return sql.run(c -> {
            return JdbcLists.page(c, "projects", where, order, params, q.page(), JdbcProjects::project);
        });
    }

    @Override
    public List<Project> deletedBefore(Instant cutoff, int limit) {
        return sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM projects WHERE deleted_at IS NOT NULL AND deleted_at < ?"
                    + " ORDER BY deleted_at, id LIMIT ?")) {
                Sql.setInstant(ps, 1, cutoff);
                ps.setInt(2, limit);
                List<Project> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(project(rs));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public void remove(ProjectId id) {
        sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM projects WHERE id = ?")) {
                ps.setObject(1, id.value());
                return ps.executeUpdate();
            }
        });
    }

    private static Project project(ResultSet rs) throws SQLException {
        return new Project(new ProjectId(rs.getObject("id", UUID.class)),
                new OrganizationId(rs.getObject("organization_id", UUID.class)), rs.getString("name"),
                rs.getString("description"), Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"),
                Sql.instant(rs, "deleted_at"));
    }

}
