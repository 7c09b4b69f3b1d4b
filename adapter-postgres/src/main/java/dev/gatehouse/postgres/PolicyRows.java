package dev.gatehouse.postgres;

import dev.gatehouse.core.approvals.Policy;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.PolicyId;
import dev.gatehouse.core.shared.WorkflowId;
import dev.gatehouse.core.tenancy.projects.EnvironmentKind;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;

/** The row mapper of {@code approval_policies}. */
final class PolicyRows {
    private PolicyRows() {
    }

    static Policy map(ResultSet rs) throws SQLException {
        UUID wf = rs.getObject("workflow_id", UUID.class);
        String kind = rs.getString("environment_kind");
        return new Policy(new PolicyId(rs.getObject("id", UUID.class)), new OrganizationId(rs.getObject("organization_id", UUID.class)),
                rs.getString("name"), rs.getString("resource_type"), kind == null ? null : EnvironmentKind.parse(kind).orElseThrow(),
                rs.getString("requested_role"), rs.getString("requested_permission"), wf == null ? null : new WorkflowId(wf),
                Duration.ofSeconds(rs.getLong("max_duration_seconds")), rs.getBoolean("reason_required"),
                Duration.ofSeconds(rs.getLong("pending_ttl_seconds")), rs.getBoolean("auto_approve"),
                Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"));
    }
}
