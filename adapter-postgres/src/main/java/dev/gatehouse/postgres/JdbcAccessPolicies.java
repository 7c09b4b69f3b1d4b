package dev.gatehouse.postgres;

import dev.gatehouse.core.approvals.AccessPolicies;
import dev.gatehouse.core.approvals.Policy;
import dev.gatehouse.core.shared.ListQuery;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Page;
import dev.gatehouse.core.shared.PolicyId;
import dev.gatehouse.core.shared.WorkflowId;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** {@link AccessPolicies} in {@code approval_policies}. */
final class JdbcAccessPolicies extends JdbcRemovableTable<Policy, PolicyId> implements AccessPolicies {
    private static final String INSERT = insert("approval_policies",
            "name, resource_type, environment_kind, requested_role, requested_permission, workflow_id, "
            + "max_duration_seconds, reason_required, pending_ttl_seconds, auto_approve, updated_at, id, "
            + "organization_id, created_at");
    private static final Map<String, String> SORT_COLUMNS = Map.of("created_at", "created_at", "name", "name COLLATE \"C\"");
    private static final String COLUMNS = "name = ?, resource_type = ?, environment_kind = ?, requested_role = ?,"
            + " requested_permission = ?, workflow_id = ?, max_duration_seconds = ?, reason_required = ?,"
            + " pending_ttl_seconds = ?, auto_approve = ?, updated_at = ?";

    JdbcAccessPolicies(Sql sql) {
        super(sql, "approval_policies", PolicyRows::map);
    }

    @Override
    public void add(Policy p) {
        sql.update(INSERT, values(p, p.id().value(), p.organizationId().value(), p.createdAt()));
    }

    /** The values of {@link #COLUMNS} in order, then {@code more}. */
    private static Object[] values(Policy p, Object... more) {
        List<Object> values = new ArrayList<>(Arrays.asList(p.name(), p.resourceType(),
                p.environmentKind() == null ? null : p.environmentKind().wire(), p.requestedRole(), p.requestedPermission(),
                p.workflowId() == null ? null : p.workflowId().value(), p.maxDuration().toSeconds(), p.reasonRequired(),
                p.pendingTtl().toSeconds(), p.autoApprove(), p.updatedAt()));
        values.addAll(Arrays.asList(more));
        return values.toArray();
    }

    @Override
    public void update(Policy p) {
        sql.update("UPDATE approval_policies SET " + COLUMNS + " WHERE id = ?", values(p, p.id().value()));
    }

    @Override
    public List<Policy> ofOrganization(OrganizationId organization) {
        return sql.query("SELECT * FROM approval_policies WHERE organization_id = ? ORDER BY created_at, id", PolicyRows::map,
                organization.value());
    }

    @Override
    public boolean usesWorkflow(WorkflowId workflow) {
        return sql.one("SELECT * FROM approval_policies WHERE workflow_id = ? LIMIT 1", PolicyRows::map, workflow.value())
                .isPresent();
    }

    @Override
    public Page<Policy> list(OrganizationId organization, ListQuery q) {
        return JdbcLists.organizationPageByName(sql, "approval_policies", organization.value(), q, SORT_COLUMNS, PolicyRows::map);
    }

}
