package dev.gatehouse.core.approvals;

import dev.gatehouse.core.shared.Text;

import dev.gatehouse.core.audit.Auditor;
import dev.gatehouse.core.authorization.PermissionCatalog;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.IdGenerator;
import dev.gatehouse.core.shared.Transactions;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.PolicyId;
import dev.gatehouse.core.shared.Result;
import dev.gatehouse.core.shared.WorkflowId;
import dev.gatehouse.core.tenancy.projects.EnvironmentKind;

import java.time.Duration;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Policy CRUD, organization-scoped: {@code policies_read} to read, {@code policies_write} to change.
 * A policy needs a workflow of the same organization unless it auto-approves. PUT replaces every field.
 */
public final class ManagePolicies extends ApprovalSettings<Policy, PolicyId> {
    public static final int DEFAULT_MAX_DURATION_MINUTES = 480;
    public static final int MAX_DURATION_MINUTES = 60 * 24 * 90;
    public static final int MAX_PENDING_TTL_MINUTES = 60 * 24 * 30;

    public record Input(String name, String resourceType, String environmentKind, String requestedRole,
                        String requestedPermission, String workflowId, Integer maxDurationMinutes, Boolean reasonRequired,
                        Integer pendingTtlMinutes, Boolean autoApprove) {
    }

    public ManagePolicies(AccessPolicies policies, Workflows workflows, PolicyAccess access, Auditor auditor, Transactions tx,
                 Clock clock, IdGenerator ids) {
        super("Policy", new Items<>(policies::byId, policies::list, Policy::organizationId),
                policies, workflows, access, auditor, tx, clock, ids);
    }

    public Result<Policy> create(Caller caller, OrganizationId organization, Input in) {
        return createIn(caller, organization, Result.ok(in), input -> {
            Instant now = clock.instant();
            return build(new PolicyId(ids.newId()), organization, input, now, now).flatMap(p -> {
                policies.add(p);
                auditor.record(caller, "policy.created", "policy", p.id(), organization, data(p));
                return Result.ok(p);
            });
        });
    }

    public Result<Policy> update(Caller caller, PolicyId id, Input in) {
        return tx.inTransaction(() -> visible(caller, id, "policies_write")
                .flatMap(old -> build(old.id(), old.organizationId(), in, old.createdAt(), clock.instant()))
                .flatMap(p -> {
                    policies.update(p);
                    auditor.record(caller, "policy.updated", "policy", p.id(), p.organizationId(), data(p));
                    return Result.ok(p);
                }));
    }

    public Result<Policy> delete(Caller caller, PolicyId id) {
        return tx.inTransaction(() -> visible(caller, id, "policies_write").flatMap(p -> {
            policies.remove(id);
            auditor.record(caller, "policy.deleted", "policy", p.id(), p.organizationId(), data(p));
            return Result.ok(p);
        }));
    }

    private Result<Policy> build(PolicyId id, OrganizationId org, Input in, Instant created, Instant now) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        if (in.name() == null || in.name().isBlank()) {
            errors.put("name", List.of("is required"));
        } else if (in.name().strip().length() > 100) {
            errors.put("name", List.of("must be at most 100 characters"));
        } else {
            Text.singleLineProblem(in.name()).ifPresent(p -> errors.put("name", List.of(p)));
        }
        String type = ManageWorkflows.blankToNull(in.resourceType());
        if (type != null && !RequestTargets.RESOURCE_TYPES.contains(type)) {
            errors.put("resource_type", List.of("must be one of: organization, project, environment"));
        }
        EnvironmentKind kind = null;
        if (in.environmentKind() != null) {
            kind = EnvironmentKind.parse(in.environmentKind()).orElse(null);
            if (kind == null) {
                errors.put("environment_kind", List.of("must be one of: " + EnvironmentKind.choices()));
            } else if (type != null && !type.equals("environment")) {
                errors.put("environment_kind", List.of("applies to resource_type environment only"));
            }
        }
        String role = ManageWorkflows.blankToNull(in.requestedRole());
        String permission = ManageWorkflows.blankToNull(in.requestedPermission());
        if (role != null && permission != null) {
            errors.put("requested_role", List.of("name either requested_role or requested_permission, not both"));
        } else if (role != null && RequestedAccess.roleProblem(role) != null) {
            errors.put("requested_role", List.of(RequestedAccess.roleProblem(role)));
        } else if (permission != null && PermissionCatalog.byScope(permission).isEmpty()) {
            errors.put("requested_permission", List.of("unknown permission; see GET /api/v1/permissions"));
        }
        int maxMinutes = in.maxDurationMinutes() == null ? DEFAULT_MAX_DURATION_MINUTES : in.maxDurationMinutes();
        if (maxMinutes < 1 || maxMinutes > MAX_DURATION_MINUTES) {
            errors.put("max_duration_minutes", List.of("must be between 1 and " + MAX_DURATION_MINUTES));
        }
        int ttl = in.pendingTtlMinutes() == null ? (int) Policy.DEFAULT_PENDING_TTL.toMinutes() : in.pendingTtlMinutes();
        if (ttl < 1 || ttl > MAX_PENDING_TTL_MINUTES) {
            errors.put("pending_ttl_minutes", List.of("must be between 1 and " + MAX_PENDING_TTL_MINUTES));
        }
        boolean auto = Boolean.TRUE.equals(in.autoApprove());
        WorkflowId workflow = null;
        if (in.workflowId() != null) {
            workflow = WorkflowId.parse(in.workflowId())
                    .filter(w -> workflows.byId(w).filter(x -> x.organizationId().equals(org)).isPresent())
                    .orElse(null);
            if (workflow == null) {
                errors.put("workflow_id", List.of("no such workflow in this organization"));
            }
        } else if (!auto) {
            errors.put("workflow_id", List.of("is required unless auto_approve is true"));
        }
        if (!errors.isEmpty()) {
            return Result.fail(Failure.invalid(errors));
        }
        return Result.ok(new Policy(id, org, in.name().strip(), type, kind, role, permission, workflow,
                Duration.ofMinutes(maxMinutes), Boolean.TRUE.equals(in.reasonRequired()), Duration.ofMinutes(ttl), auto,
                created, now));
    }

    static Map<String, Object> data(Policy p) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("policy_id", p.id().text());
        d.put("name", p.name());
        if (p.workflowId() != null) {
            d.put("workflow_id", p.workflowId().text());
        }
        d.put("auto_approve", p.autoApprove());
        return d;
    }
}
