package dev.gatehouse.postgres;

import dev.gatehouse.core.shared.EnvironmentId;
import dev.gatehouse.core.shared.ProjectId;
import dev.gatehouse.core.tenancy.projects.Environment;
import dev.gatehouse.core.tenancy.projects.Environments;

import java.util.List;

/** {@link Environments} in the {@code environments} table. */
final class JdbcEnvironments extends JdbcRemovableTable<Environment, EnvironmentId> implements Environments {
    private static final String INSERT = insert("environments",
            "id, project_id, organization_id, name, kind, created_at") + " ON CONFLICT DO NOTHING";

    JdbcEnvironments(Sql sql) {
        super(sql, "environments", EnvironmentRows::map);
    }

    @Override
    public boolean add(Environment e) {
        // ON CONFLICT DO NOTHING: a taken name is an expected answer, and an error would abort the
        // caller's whole transaction.
        return sql.update(INSERT, e.id().value(), e.projectId().value(), e.organizationId().value(), e.name(), e.kind().wire(),
                e.createdAt()) == 1;
    }

    @Override
    public List<Environment> ofProject(ProjectId project) {
        return sql.query("SELECT * FROM environments WHERE project_id = ? ORDER BY created_at, name COLLATE \"C\"",
                EnvironmentRows::map, project.value());
    }

    @Override
    public int removeAllOf(ProjectId project) {
        return sql.update("DELETE FROM environments WHERE project_id = ?", project.value());
    }

}
