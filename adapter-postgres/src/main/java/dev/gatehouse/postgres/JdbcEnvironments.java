package dev.gatehouse.postgres;

import dev.gatehouse.core.shared.EnvironmentId;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.ProjectId;
import dev.gatehouse.core.tenancy.projects.Environment;
import dev.gatehouse.core.tenancy.projects.EnvironmentKind;
import dev.gatehouse.core.tenancy.projects.Environments;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

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
        return sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO environments (id, project_id, organization_id, name,"
                    + " kind, created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                ps.setObject(1, e.id().value());
                ps.setObject(2, e.projectId().value());
                ps.setObject(3, e.organizationId().value());
                ps.setString(4, e.name());
                ps.setString(5, e.kind().wire());
                Sql.setInstant(ps, 6, e.createdAt());
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public Optional<Environment> byId(EnvironmentId id) {
        return sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM environments WHERE id = ?")) {
                ps.setObject(1, id.value());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(environment(rs)) : Optional.<Environment>empty();
                }
            }
        });
    }

    @Override
    public List<Environment> ofProject(ProjectId project) {
        return sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM environments WHERE project_id = ?"
                    + " ORDER BY created_at, name COLLATE \"C\"")) {
                ps.setObject(1, project.value());
                List<Environment> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(environment(rs));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public void remove(EnvironmentId id) {
        sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM environments WHERE id = ?")) {
                ps.setObject(1, id.value());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public int removeAllOf(ProjectId project) {
        return sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM environments WHERE project_id = ?")) {
                ps.setObject(1, project.value());
                return ps.executeUpdate();
            }
        });
    }

    private static Environment environment(ResultSet rs) throws SQLException {
        return new Environment(new EnvironmentId(rs.getObject("id", UUID.class)),
                new ProjectId(rs.getObject("project_id", UUID.class)),
                new OrganizationId(rs.getObject("organization_id", UUID.class)), rs.getString("name"),
                EnvironmentKind.parse(rs.getString("kind")).orElseThrow(), Sql.instant(rs, "created_at"));
    }
}
