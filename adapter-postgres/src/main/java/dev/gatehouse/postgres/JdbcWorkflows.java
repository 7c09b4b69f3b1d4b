package dev.gatehouse.postgres;

import dev.gatehouse.core.approvals.Workflow;
import dev.gatehouse.core.approvals.Workflows;
import dev.gatehouse.core.shared.ListQuery;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Page;
import dev.gatehouse.core.shared.WorkflowId;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** {@link Workflows} in {@code approval_workflows}; stages as jsonb. */
final class JdbcWorkflows implements Workflows {
    private static final Map<String, String> SORT_COLUMNS = Map.of("created_at", "created_at", "name", "name COLLATE \"C\"");
    private final Sql sql;

    JdbcWorkflows(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void add(Workflow w) {
        sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO approval_workflows (id, organization_id, name,"
                    + " description, stages, created_at, updated_at) VALUES (?, ?, ?, ?, ?::jsonb, ?, ?)")) {
                ps.setObject(1, w.id().value());
                ps.setObject(2, w.organizationId().value());
                ps.setString(3, w.name());
                ps.setString(4, w.description());
                ps.setString(5, ApprovalJson.stages(w.stages()));
                Sql.setInstant(ps, 6, w.createdAt());
                Sql.setInstant(ps, 7, w.updatedAt());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public Optional<Workflow> byId(WorkflowId id) {
        return sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM approval_workflows WHERE id = ?")) {
                ps.setObject(1, id.value());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(workflow(rs)) : Optional.<Workflow>empty();
                }
            }
        });
    }

    @Override
    public void update(Workflow w) {
        sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE approval_workflows SET name = ?, description = ?,"
                    + " stages = ?::jsonb, updated_at = ? WHERE id = ?")) {
                ps.setString(1, w.name());
                ps.setString(2, w.description());
                ps.setString(3, ApprovalJson.stages(w.stages()));
                Sql.setInstant(ps, 4, w.updatedAt());
                ps.setObject(5, w.id().value());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public void remove(WorkflowId id) {
        sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM approval_workflows WHERE id = ?")) {
                ps.setObject(1, id.value());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public Page<Workflow> list(OrganizationId organization, ListQuery q) {
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE organization_id = ?");
        params.add(organization.value());
        JdbcLists.times(q, where, params, "updated_at");
        q.searchTerm().ifPresent(s -> {
            where.append(" AND strpos(lower(name), ?) > 0");
            params.add(s.toLowerCase(Locale.ROOT));
        });
        String order = JdbcLists.order(q, SORT_COLUMNS, "created_at");
        return sql.run(c -> JdbcLists.page(c, "approval_workflows", where, order, params, q.page(), JdbcWorkflows::workflow));
    }

    private static Workflow workflow(ResultSet rs) throws SQLException {
        return new Workflow(new WorkflowId(rs.getObject("id", UUID.class)),
                new OrganizationId(rs.getObject("organization_id", UUID.class)), rs.getString("name"),
                rs.getString("description"), ApprovalJson.stages(rs.getString("stages")),
                Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"));
    }
}
