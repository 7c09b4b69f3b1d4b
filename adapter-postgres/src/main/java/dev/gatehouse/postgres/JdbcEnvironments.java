package dev.gatehouse.postgres;

import dev.gatehouse.core.shared.EnvironmentId;
import dev.gatehouse.core.shared.ProjectId;
import dev.gatehouse.core.tenancy.projects.Environment;
import dev.gatehouse.core.tenancy.projects.Environments;

import java.util.List;
import java.util.Optional;

/** {@link Environments} in the {@code environments} table. */
final class JdbcEnvironments implements Environments {
    private final Sql sql;

    JdbcEnvironments(Sql sql) {
        this.sql = sql;
    }

    @Override
    public boolean add(Environment e) {
        // ON CONFLICT DO NOTHING: a taken name is an expected answer, and an error would abort the
        // caller's whole transaction.
        return sql.update("INSERT INTO environments (id, project_id, organization_id, name, kind, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                e.id().value(), e.projectId().value(), e.organizationId().value(), e.name(), e.kind().wire(),
                e.createdAt()) == 1;
    }

    @Override
    public Optional<Environment> byId(EnvironmentId id) {
        return sql.one("SELECT * FROM environments WHERE id = ?", EnvironmentRows::map, id.value());
    }

    @Override
    public List<Environment> ofProject(ProjectId project) {
        return sql.query("SELECT * FROM environments WHERE project_id = ? ORDER BY created_at, name COLLATE \"C\"",
                EnvironmentRows::map, project.value());
    }

    @Override
    public void remove(EnvironmentId id) {
        sql.update("DELETE FROM environments WHERE id = ?", id.value());
    }

    @Override
    public int removeAllOf(ProjectId project) {
        return sql.update("DELETE FROM environments WHERE project_id = ?", project.value());
    }

}
