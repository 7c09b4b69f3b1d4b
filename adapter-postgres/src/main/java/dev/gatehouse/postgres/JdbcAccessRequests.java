package dev.gatehouse.postgres;

import dev.gatehouse.core.approvals.AccessRequest;
import dev.gatehouse.core.approvals.AccessRequests;
import dev.gatehouse.core.approvals.RequestState;
import dev.gatehouse.core.approvals.RequestedAccess;
import dev.gatehouse.core.authorization.ObjectRef;
import dev.gatehouse.core.shared.AccessRequestId;
import dev.gatehouse.core.shared.ListQuery;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Page;
import dev.gatehouse.core.shared.PolicyId;
import dev.gatehouse.core.shared.UserId;
import dev.gatehouse.core.shared.WorkflowId;
import dev.gatehouse.core.tenancy.projects.EnvironmentKind;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link AccessRequests} in {@code access_requests}: the state in columns (status, stage, times),
 * the copied stages and the decisions as jsonb; {@link #lockById} is {@code SELECT … FOR UPDATE}.
 */
final class JdbcAccessRequests implements AccessRequests {
    private static final Map<String, String> SORT_COLUMNS = Map.of("created_at", "created_at", "updated_at", "updated_at");
    private static final String STATE = "decisions = ?::jsonb, status = ?, stage = ?, pending_expires_at = ?, decided_at = ?,"
            + " decided_by = ?, grant_expires_at = ?, revoked_at = ?, revoked_by = ?, grant_expiry_recorded = ?, updated_at = ?";
    private final Sql sql;

    JdbcAccessRequests(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void add(AccessRequest r) {
        sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO access_requests (decisions, status, stage,"
                    + " pending_expires_at, decided_at, decided_by, grant_expires_at, revoked_at, revoked_by,"
                    + " grant_expiry_recorded, updated_at, id, organization_id, requester_id, resource_type, resource_id,"
                    + " environment_kind, requested_role, requested_permission, duration_seconds, reason, policy_id,"
                    + " workflow_id, stages, created_at)"
                    + " VALUES (?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)")) {
                int i = bindState(ps, r);
                ps.setObject(i++, r.id().value());
                ps.setObject(i++, r.organizationId().value());
                ps.setObject(i++, r.requester().value());
                ps.setString(i++, r.resource().type());
                ps.setString(i++, r.resource().id());
                ps.setString(i++, r.environmentKind() == null ? null : r.environmentKind().wire());
                ps.setString(i++, r.access().role());
                ps.setString(i++, r.access().permission());
                ps.setLong(i++, r.duration().toSeconds());
                ps.setString(i++, r.reason());
                ps.setObject(i++, r.policyId().value());
                ps.setObject(i++, r.workflowId() == null ? null : r.workflowId().value());
                ps.setString(i++, ApprovalJson.stages(r.stages()));
                Sql.setInstant(ps, i, r.createdAt());
                return ps.executeUpdate();
            }
        });
    }

    private static int bindState(PreparedStatement ps, AccessRequest r) throws SQLException {
        ps.setString(1, ApprovalJson.decisions(r.decisions()));
        ps.setString(2, r.state().wire());
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
        if (stage == null) {
            ps.setNull(3, Types.INTEGER);
        } else {
            ps.setInt(3, stage);
        }
        Sql.setInstant(ps, 4, pendingUntil);
        Sql.setInstant(ps, 5, decidedAt);
        ps.setString(6, decidedBy);
        Sql.setInstant(ps, 7, grantUntil);
        Sql.setInstant(ps, 8, revokedAt);
        ps.setString(9, revokedBy);
        ps.setBoolean(10, recorded);
        Sql.setInstant(ps, 11, r.updatedAt());
        return 12;
    }

    @Override
    public Optional<AccessRequest> byId(AccessRequestId id) {
        return query("SELECT * FROM access_requests WHERE id = ?", List.of(id.value())).stream().findFirst();
    }

    @Override
    public Optional<AccessRequest> lockById(AccessRequestId id) {
        return query("SELECT * FROM access_requests WHERE id = ? FOR UPDATE", List.of(id.value())).stream().findFirst();
    }

    @Override
    public void update(AccessRequest r) {
        sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE access_requests SET " + STATE + " WHERE id = ?")) {
                int i = bindState(ps, r);
                ps.setObject(i, r.id().value());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public Page<AccessRequest> list(OrganizationId organization, Filter f, ListQuery q) {
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE organization_id = ?");
        params.add(organization.value());
        if (f.requester() != null) {
            where.append(" AND requester_id = ?");
            params.add(f.requester().value());
        }
        if (f.resourceType() != null) {
            where.append(" AND resource_type = ?");
            params.add(f.resourceType());
        }
        if (f.resourceId() != null) {
            where.append(" AND resource_id = ?");
            params.add(f.resourceId());
        }
        if (q.status() != null) {
            where.append(" AND status = ?");
            params.add(q.status());
        }
        JdbcLists.times(q, where, params, "updated_at");
        String order = JdbcLists.order(q, SORT_COLUMNS, "created_at DESC");
        return sql.run(c -> JdbcLists.page(c, "access_requests", where, order, params, q.page(), JdbcAccessRequests::request));
    }

    @Override
    public List<AccessRequest> due(Instant now, int limit) {
        return query("SELECT * FROM access_requests WHERE (status = 'pending' AND pending_expires_at <= ?)"
                + " OR (status = 'approved' AND revoked_at IS NULL AND NOT grant_expiry_recorded AND grant_expires_at <= ?)"
                + " ORDER BY id LIMIT ?", List.of(now, now, limit));
    }

    @Override
    public boolean hasOpen(UserId requester, String resourceType, String resourceId, RequestedAccess access, Instant now) {
        // Serialize check-then-add for the same access until this transaction ends: a concurrent identical
        // submission waits here, then (read committed: a fresh snapshot per statement) sees the first one's row.
        String key = "access_request|" + requester.value() + "|" + resourceType + "|" + resourceId + "|" + access.role() + "|"
                + access.permission();
        sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))")) {
                ps.setString(1, key);
                ps.execute();
                return null;
            }
        });
        return !query("SELECT * FROM access_requests WHERE requester_id = ? AND resource_type = ? AND resource_id = ?"
                + " AND requested_role IS NOT DISTINCT FROM ? AND requested_permission IS NOT DISTINCT FROM ?"
                + " AND ((status = 'pending' AND pending_expires_at > ?)"
                + " OR (status = 'approved' AND revoked_at IS NULL AND grant_expires_at > ?)) LIMIT 1",
                java.util.Arrays.asList(requester.value(), resourceType, resourceId, access.role(), access.permission(), now, now))
                .isEmpty();
    }

    private List<AccessRequest> query(String query, List<Object> params) {
        return sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(query)) {
                for (int i = 0; i < params.size(); i++) {
                    Object p = params.get(i);
                    if (p instanceof Instant t) {
                        Sql.setInstant(ps, i + 1, t);
                    } else if (p == null) {
                        ps.setNull(i + 1, Types.VARCHAR);
                    } else {
                        ps.setObject(i + 1, p);
                    }
                }
                List<AccessRequest> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(request(rs));
                    }
                }
                return out;
            }
        });
    }

    private static AccessRequest request(ResultSet rs) throws SQLException {
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
