package dev.gatehouse.core.approvals;

import dev.gatehouse.core.shared.Text;

import dev.gatehouse.core.audit.Auditor;
import dev.gatehouse.core.authorization.PermissionCatalog;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.IdGenerator;
import dev.gatehouse.core.shared.Transactions;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Result;
import dev.gatehouse.core.shared.UserId;
import dev.gatehouse.core.shared.WorkflowId;
import dev.gatehouse.core.tenancy.Role;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Workflow CRUD, organization-scoped, under the policies scopes: {@code policies_read} to read,
 * {@code policies_write} to change. A workflow that a policy names cannot be deleted (409). Edits
 * apply to requests submitted afterwards (requests copy the stages).
 */
public final class ManageWorkflows extends ApprovalSettings<Workflow, WorkflowId> {
    public static final int MAX_REQUIRED_APPROVALS = 50;
    /** Relations and permissions a stage may name: the built-in role relations and every catalog permission. */
    public static final Set<String> STAGE_PERMISSIONS;

    static {
        Set<String> s = new LinkedHashSet<>(List.of("admin", "member", "viewer"));
        PermissionCatalog.entries().forEach(e -> s.add(e.permission()));
        STAGE_PERMISSIONS = Set.copyOf(s);
    }

    public record StageInput(String name, List<String> users, String organizationRole, String permission,
                             Integer requiredApprovals, Boolean rejectionEndsRequest) {
    }

    public record Input(String name, String description, List<StageInput> stages) {
    }

    public ManageWorkflows(AccessPolicies policies, Workflows workflows, PolicyAccess access, Auditor auditor, Transactions tx,
                 Clock clock, IdGenerator ids) {
        super("Workflow", new Items<>(workflows::byId, workflows::list, Workflow::organizationId),
                policies, workflows, access, auditor, tx, clock, ids);
    }

    public Result<Workflow> create(Caller caller, OrganizationId organization, Input in) {
        return createIn(caller, organization, validate(in), stages -> {
            Instant now = clock.instant();
            Workflow w = new Workflow(new WorkflowId(ids.newId()), organization, in.name().strip(),
                    blankToNull(in.description()), stages, now, now);
            workflows.add(w);
            auditor.record(caller, "workflow.created", "workflow", w.id(), organization, data(w));
            return Result.ok(w);
        });
    }

    public Result<Workflow> update(Caller caller, WorkflowId id, Input in) {
        var stages = validate(in);
        if (!stages.isOk()) {
            return Result.fail(stages.failure());
        }
        return tx.inTransaction(() -> visible(caller, id, "policies_write").flatMap(old -> {
            Workflow w = new Workflow(old.id(), old.organizationId(), in.name().strip(), blankToNull(in.description()),
                    stages.value(), old.createdAt(), clock.instant());
            workflows.update(w);
            auditor.record(caller, "workflow.updated", "workflow", w.id(), w.organizationId(), data(w));
            return Result.ok(w);
        }));
    }

    public Result<Workflow> delete(Caller caller, WorkflowId id) {
        return tx.inTransaction(() -> visible(caller, id, "policies_write").flatMap(w -> {
            if (policies.usesWorkflow(id)) {
                return Result.<Workflow>fail(Failure.conflict("A policy uses this workflow; change or delete the policy first."));
            }
            workflows.remove(id);
            auditor.record(caller, "workflow.deleted", "workflow", w.id(), w.organizationId(), data(w));
            return Result.ok(w);
        }));
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    static Result<List<Stage>> validate(Input in) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        if (in.name() == null || in.name().isBlank()) {
            errors.put("name", List.of("is required"));
        } else if (in.name().strip().length() > Workflow.MAX_NAME_LENGTH) {
            errors.put("name", List.of("must be at most " + Workflow.MAX_NAME_LENGTH + " characters"));
        } else {
            Text.singleLineProblem(in.name()).ifPresent(p -> errors.put("name", List.of(p)));
        }
        if (in.description() != null && in.description().length() > 1000) {
            errors.put("description", List.of("must be at most 1000 characters"));
        } else {
            Text.multiLineProblem(in.description()).ifPresent(p -> errors.put("description", List.of(p)));
        }
        List<Stage> stages = new ArrayList<>();
        if (in.stages() == null || in.stages().isEmpty()) {
            errors.put("stages", List.of("must name at least one stage"));
        } else if (in.stages().size() > Workflow.MAX_STAGES) {
            errors.put("stages", List.of("must have at most " + Workflow.MAX_STAGES + " stages"));
        } else {
            for (int i = 0; i < in.stages().size(); i++) {
                StageInput s = in.stages().get(i);
                String at = "stages[" + i + "]";
                if (s == null) {
                    errors.put(at, List.of("is required"));
                    continue;
                }
                List<UserId> users = new ArrayList<>();
                for (String u : s.users() == null ? List.<String>of() : s.users()) {
                    var id = u == null ? Optional.<UserId>empty() : UserId.parse(u);
                    if (id.isEmpty()) {
                        errors.put(at + ".users", List.of("must be user ids (usr_…)"));
                    } else if (!users.contains(id.get())) {
                        users.add(id.get());
                    }
                }
                Role role = null;
                if (s.organizationRole() != null) {
                    role = switch (s.organizationRole().strip()) {
                        case "owner" -> Role.OWNER;
                        case "admin" -> Role.ADMIN;
                        case "member" -> Role.MEMBER;
                        default -> null;
                    };
                    if (role == null) {
                        errors.put(at + ".organization_role", List.of("must be one of: owner, admin, member"));
                    }
                }
                String permission = blankToNull(s.permission());
                if (permission != null && !STAGE_PERMISSIONS.contains(permission)) {
                    errors.put(at + ".permission", List.of("must be admin, member, viewer or a permission of GET /api/v1/permissions"
                            + " (for example access_requests_approve)"));
                }
                int required = s.requiredApprovals() == null ? 1 : s.requiredApprovals();
                if (required < 1 || required > MAX_REQUIRED_APPROVALS) {
                    errors.put(at + ".required_approvals", List.of("must be between 1 and " + MAX_REQUIRED_APPROVALS));
                }
                Approvers approvers = new Approvers(users, role, permission);
                if (approvers.isEmpty() && s.organizationRole() == null && s.permission() == null) {
                    errors.put(at + ".approvers", List.of("name users, an organization_role or a permission"));
                } else if (role == null && permission == null && users.size() < required) {
                    errors.put(at + ".required_approvals", List.of("exceeds the number of users named: the stage could never pass"));
                }
                String name = blankToNull(s.name());
                if (name != null && name.length() > Workflow.MAX_NAME_LENGTH) {
                    errors.put(at + ".name", List.of("must be at most " + Workflow.MAX_NAME_LENGTH + " characters"));
                } else {
                    Text.singleLineProblem(name).ifPresent(p -> errors.put(at + ".name", List.of(p)));
                }
                stages.add(new Stage(name == null ? "Stage " + (i + 1) : name, approvers, required,
                        s.rejectionEndsRequest() == null || s.rejectionEndsRequest()));
            }
        }
        return errors.isEmpty() ? Result.ok(stages) : Result.fail(Failure.invalid(errors));
    }

    static Map<String, Object> data(Workflow w) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("workflow_id", w.id().text());
        d.put("name", w.name());
        d.put("stages", w.stages().size());
        return d;
    }
}
