package dev.gatehouse.http;

import dev.gatehouse.core.approvals.AccessRequestView;
import dev.gatehouse.core.approvals.Decision;
import dev.gatehouse.core.approvals.ManageWorkflows;
import dev.gatehouse.core.approvals.Policy;
import dev.gatehouse.core.approvals.RequestState;
import dev.gatehouse.core.approvals.Stage;
import dev.gatehouse.core.approvals.Workflow;
import dev.gatehouse.core.shared.UserId;
import io.micronaut.core.bind.annotation.Bindable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

import static dev.gatehouse.http.Dtos.time;

/** The wire records of access requests, workflows and policies. */
final class ApprovalDtos {
    private ApprovalDtos() {
    }

    @Dto
    @Schema(name = "ApprovalStage")
    record StageView(String name,
                     @Schema(description = "Explicit approvers (usr_…)") List<String> users,
                     @Schema(types = {"string", "null"}, description = "Holders of this organization role or a stronger one approve" + " One of: owner, admin, member.") String organizationRole,
                     @Schema(types = {"string", "null"}, description = "Subjects with this relation or permission on the requested resource "
                             + "approve, e.g. access_requests_approve") String permission,
                     @Schema(description = "Distinct approvals that pass the stage (N of M)") int requiredApprovals,
                     @Schema(description = "Whether one rejection ends the request") boolean rejectionEndsRequest) {
        static StageView of(Stage s) {
            return new StageView(s.name(), s.approvers().users().stream().map(UserId::text).toList(),
                    s.approvers().organizationRole() == null ? null : s.approvers().organizationRole().relation(),
                    s.approvers().permission(), s.requiredApprovals(), s.rejectionEndsRequest());
        }
    }

    @Dto
    @Schema(name = "ApprovalStageInput")
    record StageInput(@Schema(description = "Default: Stage N") String name,
                      @Schema(description = "Explicit approvers (usr_…)") List<String> users,
                      @Schema(implementation = WireEnums.ApproverRole.class) String organizationRole,
                      @Schema(description = "admin, member, viewer or a permission of GET /api/v1/permissions, "
                              + "held on the requested resource") String permission,
                      @Schema(minimum = "1", maximum = "50") @Bindable(defaultValue = "1") Integer requiredApprovals,
                       @Schema(description = "Default true") @Bindable(defaultValue = "true") Boolean rejectionEndsRequest) {
        ManageWorkflows.StageInput toCore() {
            return new ManageWorkflows.StageInput(name, users, organizationRole, permission, requiredApprovals, rejectionEndsRequest);
        }
    }

    @Dto
    @Schema(name = "Workflow")
    record WorkflowView(String id, String organizationId, String name, @Schema(types = {"string", "null"}) String description,
                        List<StageView> stages, @Schema(format = "date-time") String createdAt,
                        @Schema(format = "date-time") String updatedAt) {
        static WorkflowView of(Workflow w) {
            return new WorkflowView(w.id().text(), w.organizationId().text(), w.name(), w.description(),
                    w.stages().stream().map(StageView::of).toList(), time(w.createdAt()), time(w.updatedAt()));
        }
    }

    @Dto
    @Schema(name = "WorkflowResponse")
    record WorkflowData(WorkflowView data) {
    }

    @Dto
    @Schema(name = "WorkflowList")
    record WorkflowList(List<WorkflowView> data, Dtos.ListMeta meta, Dtos.ListLinks links) {
    }

    @Dto
    @Schema(name = "WorkflowRequest")
    record WorkflowRequest(@Schema(description = "Required for a user session on create; implied for an API key; ignored on update")
                           String organizationId,
                           @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 100) String name,
                           @Schema(maxLength = 1000) String description,
                           @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "1 to 10 stages, passed in order")
                           List<StageInput> stages) {
        ManageWorkflows.Input toCore() {
            return new ManageWorkflows.Input(name, description,
                    stages == null ? null : stages.stream().map(s -> s == null ? null : s.toCore()).toList());
        }
    }

    @Dto
    @Schema(name = "Policy")
    record PolicyView(String id, String organizationId, String name,
                      @Schema(types = {"string", "null"}, description = "One of: organization, project, environment.") String resourceType,
                      @Schema(types = {"string", "null"}, description = "One of: production, staging, development.") String environmentKind,
                      @Schema(types = {"string", "null"}) String requestedRole, @Schema(types = {"string", "null"}) String requestedPermission,
                      @Schema(types = {"string", "null"}) String workflowId, long maxDurationMinutes, boolean reasonRequired,
                      long pendingTtlMinutes, boolean autoApprove, int specificity,
                      @Schema(format = "date-time") String createdAt, @Schema(format = "date-time") String updatedAt) {
        static PolicyView of(Policy p) {
            return new PolicyView(p.id().text(), p.organizationId().text(), p.name(), p.resourceType(),
                    p.environmentKind() == null ? null : p.environmentKind().wire(), p.requestedRole(), p.requestedPermission(),
                    p.workflowId() == null ? null : p.workflowId().text(), p.maxDuration().toMinutes(), p.reasonRequired(),
                    p.pendingTtl().toMinutes(), p.autoApprove(), p.specificity(), time(p.createdAt()), time(p.updatedAt()));
        }
    }

    @Dto
    @Schema(name = "PolicyResponse")
    record PolicyData(PolicyView data) {
    }

    @Dto
    @Schema(name = "PolicyList")
    record PolicyList(List<PolicyView> data, Dtos.ListMeta meta, Dtos.ListLinks links) {
    }

    @Dto
    @Schema(name = "PolicyRequest")
    record PolicyRequest(@Schema(description = "Required for a user session on create; implied for an API key; ignored on update")
                         String organizationId,
                         @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 100) String name,
                         @Schema(description = "null matches any", implementation = WireEnums.ResourceType.class)
                         String resourceType,
                         @Schema(description = "null matches any; set: environments of that kind only", implementation = WireEnums.EnvironmentKind.class) String environmentKind,
                         @Schema(description = "null matches any", implementation = WireEnums.RequestableRole.class)
                         String requestedRole,
                         @Schema(description = "A scope, e.g. projects:write; null matches any") String requestedPermission,
                         @Schema(description = "Required unless auto_approve") String workflowId,
                         @Schema(minimum = "1", maximum = "129600") @Bindable(defaultValue = "480") Integer maxDurationMinutes,
                          @Schema(description = "Default false") @Bindable(defaultValue = "false") Boolean reasonRequired,
                         @Schema(minimum = "1", maximum = "43200") @Bindable(defaultValue = "1440") Integer pendingTtlMinutes,
                          @Schema(description = "Default false") @Bindable(defaultValue = "false") Boolean autoApprove) {
        dev.gatehouse.core.approvals.ManagePolicies.Input toCore() {
            return new dev.gatehouse.core.approvals.ManagePolicies.Input(name, resourceType, environmentKind, requestedRole,
                    requestedPermission, workflowId, maxDurationMinutes, reasonRequired, pendingTtlMinutes, autoApprove);
        }
    }

    @Dto
    @Schema(name = "AccessRequestDecision")
    record DecisionView(@Schema(description = "1-based") int stage, String approverId,
                        @Schema(implementation = WireEnums.Decision.class) String decision,
                        @Schema(types = {"string", "null"}, description = "The approval's comment or the rejection's reason") String comment,
                        @Schema(format = "date-time") String decidedAt) {
        static DecisionView of(Decision d) {
            return new DecisionView(d.stage() + 1, d.approver().text(), d.verdict().wire(), d.comment(), time(d.decidedAt()));
        }
    }

    @Dto
    @Schema(name = "AccessGrant")
    record GrantView(@Schema(implementation = WireEnums.GrantStatus.class) String status,
                     @Schema(format = "date-time") String grantedAt, @Schema(format = "date-time") String expiresAt,
                     @Schema(types = {"string", "null"}, format = "date-time") String revokedAt, @Schema(types = {"string", "null"}) String revokedBy) {
    }

    @Dto
    @Schema(name = "AccessRequest")
    record AccessRequestBody(String id, String organizationId, String requesterId,
                             @Schema(implementation = WireEnums.ResourceType.class) String resourceType,
                             String resourceId, @Schema(types = {"string", "null"}) String environmentKind,
                             @Schema(types = {"string", "null"}) String role, @Schema(types = {"string", "null"}) String permission,
                             long durationMinutes, @Schema(types = {"string", "null"}) String reason, String policyId,
                             @Schema(types = {"string", "null"}) String workflowId,
                             @Schema(implementation = WireEnums.AccessRequestStatus.class) String status,
                             @Schema(types = {"integer", "null"}, description = "1-based; pending requests only") Integer currentStage,
                             @Schema(types = {"string", "null"}, format = "date-time", description = "A pending request expires then")
                             String expiresAt,
                             List<StageView> stages, List<DecisionView> decisions,
                             @Schema(description = "Who may still vote in the current stage (never the requester)")
                             List<String> eligibleApprovers,
                              GrantView grant,
                             @Schema(types = {"string", "null"}, format = "date-time") String decidedAt,
                             @Schema(format = "date-time") String createdAt, @Schema(format = "date-time") String updatedAt) {
        static AccessRequestBody of(AccessRequestView v, Instant now) {
            var r = v.request();
            Integer stage = null;
            String expires = null;
            GrantView grant = null;
            Instant decided = null;
            if (r.state() instanceof RequestState.Pending p) {
                stage = p.stage() + 1;
                expires = time(p.expiresAt());
            } else if (r.state() instanceof RequestState.Approved a) {
                decided = a.approvedAt();
                grant = new GrantView(a.grantStatus(now), time(a.approvedAt()), time(a.grantExpiresAt()), time(a.revokedAt()),
                        a.revokedBy());
            } else if (r.state() instanceof RequestState.Rejected x) {
                decided = x.rejectedAt();
            } else if (r.state() instanceof RequestState.Cancelled x) {
                decided = x.cancelledAt();
            } else if (r.state() instanceof RequestState.Expired x) {
                decided = x.expiredAt();
            }
            return new AccessRequestBody(r.id().text(), r.organizationId().text(), r.requester().text(), r.resource().type(),
                    r.resource().id(), r.environmentKind() == null ? null : r.environmentKind().wire(), r.access().role(),
                    r.access().permission(), r.duration().toMinutes(), r.reason(), r.policyId().text(),
                    r.workflowId() == null ? null : r.workflowId().text(), r.state().wire(), stage, expires,
                    r.stages().stream().map(StageView::of).toList(), r.decisions().stream().map(DecisionView::of).toList(),
                    v.eligibleApprovers(), grant, time(decided), time(r.createdAt()), time(r.updatedAt()));
        }
    }

    @Dto
    @Schema(name = "AccessRequestResponse")
    record AccessRequestData(AccessRequestBody data) {
    }

    @Dto
    @Schema(name = "AccessRequestList")
    record AccessRequestList(List<AccessRequestBody> data, Dtos.ListMeta meta, Dtos.ListLinks links) {
    }

    @Dto
    @Schema(name = "CreateAccessRequest")
    record CreateAccessRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, implementation = WireEnums.ResourceType.class) String resourceType,
                               @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String resourceId,
                               @Schema(description = "A built-in role: admin, member or viewer (never owner); or set permission")
                               String role,
                               @Schema(description = "A scope of GET /api/v1/permissions, e.g. projects:write; or set role")
                               String permission,
                               @Schema(minimum = "1", description = "Default: the policy's maximum") Integer durationMinutes,
                               @Schema(maxLength = 1000) String reason,
                               @Schema(description = "If present, must be the caller (403 otherwise)") String requesterId) {
    }

    @Dto
    @Schema(name = "ApproveAccessRequest")
    record ApproveBody(@Schema(maxLength = 1000) String comment,
                       @Schema(description = "If present, must be the caller (403 otherwise)") String approverId,
                       @Schema(description = "If present, must be the caller (403 otherwise)") String actorId) {
    }

    @Dto
    @Schema(name = "RejectAccessRequest")
    record RejectBody(@Schema(maxLength = 1000) String reason,
                      @Schema(description = "If present, must be the caller (403 otherwise)") String approverId,
                      @Schema(description = "If present, must be the caller (403 otherwise)") String actorId) {
    }

    @Dto
    @Schema(name = "CancelAccessRequest")
    record CancelBody(@Schema(description = "If present, must be the caller (403 otherwise)") String actorId,
                      @Schema(description = "If present, must be the caller (403 otherwise)") String requesterId) {
    }

    @Dto
    @Schema(name = "RevokeAccessGrant")
    record RevokeBody(@Schema(maxLength = 1000) String reason) {
    }
}
