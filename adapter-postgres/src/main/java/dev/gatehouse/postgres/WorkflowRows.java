package dev.gatehouse.postgres;

import dev.gatehouse.core.approvals.Workflow;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.WorkflowId;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/** The row mapper of {@code approval_workflows} (stages as jsonb). */
final class WorkflowRows {
    private WorkflowRows() {
    }

    static Workflow map(ResultSet rs) throws SQLException {
        return new Workflow(new WorkflowId(rs.getObject("id", UUID.class)),
                new OrganizationId(rs.getObject("organization_id", UUID.class)), rs.getString("name"),
                rs.getString("description"), ApprovalJson.stages(rs.getString("stages")),
                Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"));
    }
}
