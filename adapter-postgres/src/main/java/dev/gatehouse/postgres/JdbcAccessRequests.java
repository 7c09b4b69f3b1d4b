package dev.gatehouse.postgres;

import dev.gatehouse.core.approvals.AccessRequest;
import dev.gatehouse.core.approvals.AccessRequests;
import dev.gatehouse.core.approvals.RequestState;
import dev.gatehouse.core.approvals.RequestedAccess;
import dev.gatehouse.core.shared.AccessRequestId;
import dev.gatehouse.core.shared.ListQuery;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Page;
import dev.gatehouse.core.shared.UserId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@link AccessRequests} in {@code access_requests}: the state in columns (status, stage, times),
 * the copied stages and the decisions as jsonb; {@link #lockById} is {@code SELECT … FOR UPDATE}.
 */
final class JdbcAccessRequests extends JdbcTable<AccessRequest, AccessRequestId> implements AccessRequests {
    private static final String INSERT = insert("access_requests",
            "decisions::jsonb, status, stage, pending_expires_at, decided_at, decided_by, grant_expires_at, "
            + "revoked_at, revoked_by, grant_expiry_recorded, updated_at, id, organization_id, requester_id, "
            + "resource_type, resource_id, environment_kind, requested_role, requested_permission, "
            + "duration_seconds, reason, policy_id, workflow_id, stages::jsonb, created_at");
    private static final Map<String, String> SORT_COLUMNS = Map.of("created_at", "created_at", "updated_at", "updated_at");
    private static final String STATE = "decisions = ?::jsonb, status = ?, stage = ?, pending_expires_at = ?, decided_at = ?,"
            + " decided_by = ?, grant_expires_at = ?, revoked_at = ?, revoked_by = ?, grant_expiry_recorded = ?, updated_at = ?";

    JdbcAccessRequests(Sql sql) {
        super(sql, "access_requests", AccessRequestRows::map);
    }

    @Override
    public void add(AccessRequest r) {
        sql.update(INSERT, values(r, r.id().value(), r.organizationId().value(), r.requester().value(), r.resource().type(),
                        r.resource().id(), r.environmentKind() == null ? null : r.environmentKind().wire(), r.access().role(),
                        r.access().permission(), r.duration().toSeconds(), r.reason(), r.policyId().value(),
                        r.workflowId() == null ? null : r.workflowId().value(), ApprovalJson.stages(r.stages()), r.createdAt()));
    }

    /** The values of {@link #STATE} in order, then {@code more}. */
    private static Object[] values(AccessRequest r, Object... more) {
        Integer stage = null;
        Instant pendingUntil = null;
        Instant decidedAt = null;
        String decidedBy = null;
        Instant grantUntil = null;
        Instant revokedAt = null;
        String revokedBy = null;
        boolean recorded = false;
        RequestState state = r.state();
        if (state instanceof RequestState.Pending p) {
            stage = p.stage();
            pendingUntil = p.expiresAt();
        } else if (state instanceof RequestState.Approved a) {
            decidedAt = a.approvedAt();
            grantUntil = a.grantExpiresAt();
            revokedAt = a.revokedAt();
            revokedBy = a.revokedBy();
            recorded = a.expiryRecorded();
        } else if (state instanceof RequestState.Rejected x) {
            decidedAt = x.rejectedAt();
            decidedBy = x.rejectedBy() == null ? null : x.rejectedBy().text();
        } else if (state instanceof RequestState.Cancelled x) {
            decidedAt = x.cancelledAt();
        } else if (state instanceof RequestState.Expired x) {
            decidedAt = x.expiredAt();
        }
        List<Object> values = new ArrayList<>(Arrays.asList(ApprovalJson.decisions(r.decisions()), state.wire(), stage,
                pendingUntil, decidedAt, decidedBy, grantUntil, revokedAt, revokedBy, recorded, r.updatedAt()));
        values.addAll(Arrays.asList(more));
        return values.toArray();
    }

    @Override
    public void update(AccessRequest r) {
        sql.update("UPDATE access_requests SET " + STATE + " WHERE id = ?", values(r, r.id().value()));
    }

    @Override
    public Page<AccessRequest> list(OrganizationId organization, Filter f, ListQuery q) {
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE organization_id = ?");
        params.add(organization.value());
        JdbcLists.filter(where, params, "requester_id = ?", f.requester());
        JdbcLists.filter(where, params, "resource_type = ?", f.resourceType());
        JdbcLists.filter(where, params, "resource_id = ?", f.resourceId());
        JdbcLists.filter(where, params, "status = ?", q.status());
        JdbcLists.times(q, where, params, "updated_at");
        String order = JdbcLists.order(q, SORT_COLUMNS, "created_at DESC");
        return sql.run(c -> JdbcLists.page(c, "access_requests", where, order, params, q.page(), AccessRequestRows::map));
    }

    @Override
    public List<AccessRequest> due(Instant now, int limit) {
        return sql.query("SELECT * FROM access_requests WHERE (status = 'pending' AND pending_expires_at <= ?)"
                + " OR (status = 'approved' AND revoked_at IS NULL AND NOT grant_expiry_recorded AND grant_expires_at <= ?)"
                + " ORDER BY id LIMIT ?", AccessRequestRows::map, now, now, limit);
    }

    @Override
    public boolean hasOpen(UserId requester, String resourceType, String resourceId, RequestedAccess access, Instant now) {
        // Serialize check-then-add for the same access until this transaction ends: a concurrent identical
        // submission waits here, then (read committed: a fresh snapshot per statement) sees the first one's row.
        String key = "access_request|" + requester.value() + "|" + resourceType + "|" + resourceId + "|" + access.role() + "|"
                + access.permission();
        sql.one("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))", rs -> true, key);
        return sql.one("SELECT * FROM access_requests WHERE requester_id = ? AND resource_type = ? AND resource_id = ?"
                + " AND requested_role IS NOT DISTINCT FROM ? AND requested_permission IS NOT DISTINCT FROM ?"
                + " AND ((status = 'pending' AND pending_expires_at > ?)"
                + " OR (status = 'approved' AND revoked_at IS NULL AND grant_expires_at > ?)) LIMIT 1",
                AccessRequestRows::map, requester.value(), resourceType, resourceId, access.role(), access.permission(), now, now)
                .isPresent();
    }

}
