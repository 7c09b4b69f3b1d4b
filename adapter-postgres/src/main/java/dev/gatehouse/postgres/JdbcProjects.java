package dev.gatehouse.postgres;

import dev.gatehouse.core.shared.ListQuery;
import dev.gatehouse.core.shared.Page;
import dev.gatehouse.core.shared.ProjectId;
import dev.gatehouse.core.tenancy.projects.Project;
import dev.gatehouse.core.tenancy.projects.Projects;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** {@link Projects} in the {@code projects} table. */
final class JdbcProjects extends JdbcRemovableTable<Project, ProjectId> implements Projects {
    private static final String INSERT = insert("projects",
            "id, organization_id, name, description, created_at, updated_at, deleted_at");
    /** Sortable fields to SQL; text compares COLLATE "C" (code point order, as {@code String.compareTo}). */
    private static final Map<String, String> SORT_COLUMNS = Map.of(
            "created_at", "created_at",
            "updated_at", "updated_at",
            "name", "name COLLATE \"C\"");


    JdbcProjects(Sql sql) {
        super(sql, "projects", ProjectRows::map);
    }

    @Override
    public void add(Project p) {
        sql.update(INSERT, p.id().value(), p.organizationId().value(), p.name(), p.description(), p.createdAt(), p.updatedAt(),
                p.deletedAt());
    }

    @Override
    public void update(Project p) {
        sql.update("UPDATE projects SET name = ?, description = ?, updated_at = ?, deleted_at = ? WHERE id = ?",
                p.name(), p.description(), p.updatedAt(), p.deletedAt(), p.id().value());
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
        JdbcLists.filter(where, params, "organization_id = ?", scope.organization());
        JdbcLists.times(q, where, params);
        Optional<String> search = q.searchTerm().map(s -> s.toLowerCase(Locale.ROOT));
        if (search.isPresent()) {
            // strpos, not LIKE: the term's % and _ are plain characters
            where.append(" AND (strpos(lower(name), ?) > 0 OR strpos(lower(coalesce(description, '')), ?) > 0)");
            params.add(search.get());
            params.add(search.get());
        }
        String order = JdbcLists.order(q, SORT_COLUMNS, "created_at DESC");
        return sql.run(c -> JdbcLists.page(c, "projects", where, order, params, q.page(), ProjectRows::map));
    }

    @Override
    public List<Project> deletedBefore(Instant cutoff, int limit) {
        return sql.query("SELECT * FROM projects WHERE deleted_at IS NOT NULL AND deleted_at < ? ORDER BY deleted_at, id LIMIT ?",
                ProjectRows::map, cutoff, limit);
    }

}
