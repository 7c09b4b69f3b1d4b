package dev.gatehouse.postgres;

import dev.gatehouse.core.approvals.Workflow;
import dev.gatehouse.core.approvals.Workflows;
import dev.gatehouse.core.shared.ListQuery;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Page;
import dev.gatehouse.core.shared.WorkflowId;

import java.util.Map;

/** {@link Workflows} in {@code approval_workflows}; stages as jsonb. */
final class JdbcWorkflows extends JdbcRemovableTable<Workflow, WorkflowId> implements Workflows {
    private static final String INSERT = insert("approval_workflows",
            "id, organization_id, name, description, stages::jsonb, created_at, updated_at");
    private static final Map<String, String> SORT_COLUMNS = Map.of("created_at", "created_at", "name", "name COLLATE \"C\"");

    JdbcWorkflows(Sql sql) {
        super(sql, "approval_workflows", WorkflowRows::map);
    }

    @Override
    public void add(Workflow w) {
        sql.update(INSERT, w.id().value(), w.organizationId().value(), w.name(), w.description(), ApprovalJson.stages(w.stages()),
                w.createdAt(), w.updatedAt());
    }

    @Override
    public void update(Workflow w) {
        sql.update("UPDATE approval_workflows SET name = ?, description = ?, stages = ?::jsonb, updated_at = ? WHERE id = ?",
                w.name(), w.description(), ApprovalJson.stages(w.stages()), w.updatedAt(), w.id().value());
    }

    @Override
    public Page<Workflow> list(OrganizationId organization, ListQuery q) {
        return JdbcLists.organizationPageByName(sql, "approval_workflows", organization.value(), q, SORT_COLUMNS, WorkflowRows::map);
    }
}
