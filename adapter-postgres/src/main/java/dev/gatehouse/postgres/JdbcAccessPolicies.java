package dev.gatehouse.postgres;

import dev.gatehouse.core.approvals.AccessPolicies;
import dev.gatehouse.core.approvals.Policy;
import dev.gatehouse.core.shared.ListQuery;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Page;
import dev.gatehouse.core.shared.PolicyId;
import dev.gatehouse.core.shared.WorkflowId;
import dev.gatehouse.core.tenancy.projects.EnvironmentKind;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** {@link AccessPolicies} in {@code approval_policies}. */
final class JdbcAccessPolicies implements AccessPolicies {
    private static final Map<String, String> SORT_COLUMNS = Map.of("created_at", "created_at", "name", "name COLLATE \"C\"");
    private static final String COLUMNS = "name = ?, resource_type = ?, environment_kind = ?, requested_role = ?,"
            + " requested_permission = ?, workflow_id = ?, max_duration_seconds = ?, reason_required = ?,"
            + " pending_ttl_seconds = ?, auto_approve = ?, updated_at = ?";
    private final Sql sql;

    JdbcAccessPolicies(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void add(Policy p) {
        sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO approval_policies (name, resource_type,"
                    + " environment_kind, requested_role, requested_permission, workflow_id, max_duration_seconds,"
                    + " reason_required, pending_ttl_seconds, auto_approve, updated_at, id, organization_id, created_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                int i = bind(ps, p);
                ps.setObject(i, p.id().value());
                ps.setObject(i + 1, p.organizationId().value());
                Sql.setInstant(ps, i + 2, p.createdAt());
                return ps.executeUpdate();
            }
        });
    }

    private static int bind(PreparedStatement ps, Policy p) throws SQLException {
        ps.setString(1, p.name());
        ps.setString(2, p.resourceType());
        ps.setString(3, p.environmentKind() == null ? null : p.environmentKind().wire());
        ps.setString(4, p.requestedRole());
        ps.setString(5, p.requestedPermission());
        ps.setObject(6, p.workflowId() == null ? null : p.workflowId().value());
        ps.setLong(7, p.maxDuration().toSeconds());
        ps.setBoolean(8, p.reasonRequired());
        ps.setLong(9, p.pendingTtl().toSeconds());
        ps.setBoolean(10, p.autoApprove());
        Sql.setInstant(ps, 11, p.updatedAt());
        return 12;
    }

    @Override
    public Optional<Policy> byId(PolicyId id) {
        List<Policy> found = query("SELECT * FROM approval_policies WHERE id = ?", id.value());
        return found.stream().findFirst();
    }

    @Override
    public void update(Policy p) {
        sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE approval_policies SET " + COLUMNS + " WHERE id = ?")) {
                int i = bind(ps, p);
                ps.setObject(i, p.id().value());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public void remove(PolicyId id) {
        sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM approval_policies WHERE id = ?")) {
                ps.setObject(1, id.value());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public List<Policy> ofOrganization(OrganizationId organization) {
        return query("SELECT * FROM approval_policies WHERE organization_id = ? ORDER BY created_at, id", organization.value());
    }

    @Override
    public boolean usesWorkflow(WorkflowId workflow) {
        return !query("SELECT * FROM approval_policies WHERE workflow_id = ? LIMIT 1", workflow.value()).isEmpty();
    }

    @Override
    public Page<Policy> list(OrganizationId organization, ListQuery q) {
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE organization_id = ?");
        params.add(organization.value());
        JdbcLists.times(q, where, params, "updated_at");
        q.searchTerm().ifPresent(s -> {
            where.append(" AND strpos(lower(name), ?) > 0");
            params.add(s.toLowerCase(Locale.ROOT));
        });
        String order = JdbcLists.order(q, SORT_COLUMNS, "created_at");
        return sql.run(c -> JdbcLists.page(c, "approval_policies", where, order, params, q.page(), JdbcAccessPolicies::policy));
    }

    private List<Policy> query(String query, Object param) {
        return sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(query)) {
                ps.setObject(1, param);
                List<Policy> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(policy(rs));
                    }
                }
                return out;
            }
        });
    }

    private static Policy policy(ResultSet rs) throws SQLException {
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
