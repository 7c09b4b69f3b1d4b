package dev.gatehouse.postgres;

import dev.gatehouse.core.approvals.AccessRequest;
import dev.gatehouse.core.approvals.RequestState;
import dev.gatehouse.core.approvals.RequestedAccess;
import dev.gatehouse.core.authorization.ObjectRef;
import dev.gatehouse.core.shared.AccessRequestId;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.PolicyId;
import dev.gatehouse.core.shared.UserId;
import dev.gatehouse.core.shared.WorkflowId;
import dev.gatehouse.core.tenancy.projects.EnvironmentKind;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** The row mapper of {@code access_requests}: the state from the status column and its fields; stages and decisions as jsonb. */
final class AccessRequestRows {
    private AccessRequestRows() {
    }

    static AccessRequest map(ResultSet rs) throws SQLException {
        String status = rs.getString("status");
        Instant decidedAt = Sql.instant(rs, "decided_at");
        RequestState state = switch (status) {
            case "pending" -> new RequestState.Pending(rs.getInt("stage"), Sql.instant(rs, "pending_expires_at"));
            case "approved" -> new RequestState.Approved(decidedAt, Sql.instant(rs, "grant_expires_at"),
                    Sql.instant(rs, "revoked_at"), rs.getString("revoked_by"), rs.getBoolean("grant_expiry_recorded"));
            case "rejected" -> new RequestState.Rejected(decidedAt,
                    rs.getString("decided_by") == null ? null : UserId.parse(rs.getString("decided_by")).orElseThrow());
            case "cancelled" -> new RequestState.Cancelled(decidedAt);
            case "expired" -> new RequestState.Expired(decidedAt);
            default -> throw new IllegalStateException("unknown access request status " + status);
        };
        String kind = rs.getString("environment_kind");
        UUID wf = rs.getObject("workflow_id", UUID.class);
        return new AccessRequest(new AccessRequestId(rs.getObject("id", UUID.class)),
                new OrganizationId(rs.getObject("organization_id", UUID.class)), new UserId(rs.getObject("requester_id", UUID.class)),
                new ObjectRef(rs.getString("resource_type"), rs.getString("resource_id")),
                kind == null ? null : EnvironmentKind.parse(kind).orElseThrow(),
                new RequestedAccess(rs.getString("requested_role"), rs.getString("requested_permission")),
                Duration.ofSeconds(rs.getLong("duration_seconds")), rs.getString("reason"),
                new PolicyId(rs.getObject("policy_id", UUID.class)), wf == null ? null : new WorkflowId(wf),
                ApprovalJson.stages(rs.getString("stages")), ApprovalJson.decisions(rs.getString("decisions")), state,
                Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"));
    }
}
