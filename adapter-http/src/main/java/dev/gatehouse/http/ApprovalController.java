package dev.gatehouse.http;

import dev.gatehouse.core.approvals.ApprovalUseCases;
import dev.gatehouse.core.approvals.CancelAccessRequest;
import dev.gatehouse.core.approvals.DecideAccessRequest;
import dev.gatehouse.core.approvals.Decision;
import dev.gatehouse.core.approvals.ListAccessRequests;
import dev.gatehouse.core.approvals.RevokeAccessGrant;
import dev.gatehouse.core.approvals.SubmitAccessRequest;
import dev.gatehouse.core.shared.AccessRequestId;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.ListQuery;
import dev.gatehouse.core.shared.PolicyId;
import dev.gatehouse.core.shared.WorkflowId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestBean;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.Set;

/**
 * Just-in-time access: access requests (submit, read, approve, reject, cancel, revoke the grant),
 * and the workflows and policies that govern them. The actor is always the authenticated principal;
 * a body {@code approver_id}, {@code actor_id} or {@code requester_id} naming someone else is 403.
 */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Approvals")
@ApiResponse(responseCode = "4XX", description = ProblemDocument.DESCRIPTION,
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDocument.class)))
@SecurityRequirement(name = "bearer")
final class ApprovalController {
    private static final Set<String> POLICY_SORTABLE = Set.of("created_at", "name");
    private final ApprovalUseCases approvals;
    private final java.time.Clock clock;
    private final Callers callers;

    ApprovalController(ApprovalUseCases approvals, Callers callers, java.time.Clock clock) {
        this.approvals = approvals;
        this.clock = clock;
        this.callers = callers;
    }

    private static AccessRequestId requestId(String text) {
        return AccessRequestId.parse(text).orElseThrow(() -> FailureException.notFound("Access request"));
    }

    private static WorkflowId workflowId(String text) {
        return WorkflowId.parse(text).orElseThrow(() -> FailureException.notFound("Workflow"));
    }

    private static PolicyId policyId(String text) {
        return PolicyId.parse(text).orElseThrow(() -> FailureException.notFound("Policy"));
    }

    /** The first actor id of the body that is not the caller, else the first given (or null). */
    private static String actor(Caller caller, String... ids) {
        String first = null;
        for (String id : ids) {
            if (id != null) {
                if (!id.equals(caller.principal().id())) {
                    return id;
                }
                first = first == null ? id : first;
            }
        }
        return first;
    }

    private ApprovalDtos.AccessRequestData data(dev.gatehouse.core.approvals.AccessRequestView v) {
        return new ApprovalDtos.AccessRequestData(ApprovalDtos.AccessRequestBody.of(v, clock.instant()));
    }

    // ---- access requests

    @Post(value = "/access-requests", consumes = MediaType.APPLICATION_JSON)
    @Status(HttpStatus.CREATED)
    @Operation(summary = "Request a built-in role (admin, member, viewer) or a permission on an organization, project or environment "
            + "for a duration (access-requests:write on it; users only). The most specific matching policy applies; none → 422",
            operationId = "createAccessRequest")
    HttpResponse<ApprovalDtos.AccessRequestData> submit(HttpRequest<?> request, @Body ApprovalDtos.CreateAccessRequest body) {
        Caller caller = callers.caller(request);
        var view = FailureException.value(approvals.submit().handle(new SubmitAccessRequest.Command(caller,
                body.resourceType(), body.resourceId(), body.role(), body.permission(), body.durationMinutes(), body.reason(),
                actor(caller, body.requesterId()))));
        return HttpResponse.created(data(view)).header("Location", "/api/v1/access-requests/" + view.request().id().text());
    }

    @Get("/access-requests")
    @Operation(summary = "List an organization's access requests (access-requests:read), newest first; filters requester, "
            + "status (pending, approved, rejected, cancelled, expired), resource_type, resource_id", operationId = "listAccessRequests")
    ApprovalDtos.AccessRequestList list(HttpRequest<?> request, @RequestBean ListParams params,
                                        @Parameter(description = "The organization; implied for an API key caller")
                                        @Nullable @QueryValue("organization_id") String organizationId,
                                        @Parameter(description = "Only this requester's (usr_…)")
                                        @Nullable @QueryValue("requester") String requester,
                                        @Nullable @QueryValue("resource_type") String resourceType,
                                        @Nullable @QueryValue("resource_id") String resourceId) {
        Caller caller = callers.caller(request);
        ListQuery query = Lists.query(params, ListAccessRequests.SORTABLE);
        var page = FailureException.value(approvals.list().handle(new ListAccessRequests.Command(caller,
                OrganizationIds.organization(caller, organizationId), blank(requester), blank(resourceType), blank(resourceId), query)));
        var now = clock.instant();
        return Lists.envelope(request, page, v -> ApprovalDtos.AccessRequestBody.of(v, now), ApprovalDtos.AccessRequestList::new);
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    @Get("/access-requests/{id}")
    @Operation(summary = "Get an access request with its decisions and the eligible approvers of its current stage "
            + "(its requester, or access-requests:read on its resource)", operationId = "getAccessRequest")
    ApprovalDtos.AccessRequestData get(HttpRequest<?> request, @PathVariable String id) {
        return data(FailureException.value(approvals.get().handle(callers.caller(request), requestId(id))));
    }

    @Post(value = "/access-requests/{id}/approve", consumes = MediaType.APPLICATION_JSON)
    @Status(HttpStatus.OK)
    @Operation(summary = "Approve the current stage as one of its approvers (never the requester; one vote per stage); the last "
            + "stage's last approval writes the time-boxed grant. Not pending → 409 with current_state", operationId = "approveAccessRequest")
    ApprovalDtos.AccessRequestData approve(HttpRequest<?> request, @PathVariable String id,
                                           @Nullable @Body ApprovalDtos.ApproveBody body) {
        Caller caller = callers.caller(request);
        return data(FailureException.value(approvals.decide().handle(new DecideAccessRequest.Command(caller,
                requestId(id), Decision.Verdict.APPROVED, body == null ? null : body.comment(),
                body == null ? null : actor(caller, body.approverId(), body.actorId())))));
    }

    @Post(value = "/access-requests/{id}/reject", consumes = MediaType.APPLICATION_JSON)
    @Status(HttpStatus.OK)
    @Operation(summary = "Reject as an approver of the current stage; ends the request unless the stage says otherwise",
            operationId = "rejectAccessRequest")
    ApprovalDtos.AccessRequestData reject(HttpRequest<?> request, @PathVariable String id,
                                          @Nullable @Body ApprovalDtos.RejectBody body) {
        Caller caller = callers.caller(request);
        return data(FailureException.value(approvals.decide().handle(new DecideAccessRequest.Command(caller,
                requestId(id), Decision.Verdict.REJECTED, body == null ? null : body.reason(),
                body == null ? null : actor(caller, body.approverId(), body.actorId())))));
    }

    @Post(value = "/access-requests/{id}/cancel", consumes = MediaType.APPLICATION_JSON)
    @Status(HttpStatus.OK)
    @Operation(summary = "Cancel a pending request (its requester only)", operationId = "cancelAccessRequest")
    ApprovalDtos.AccessRequestData cancel(HttpRequest<?> request, @PathVariable String id,
                                          @Nullable @Body ApprovalDtos.CancelBody body) {
        Caller caller = callers.caller(request);
        return data(FailureException.value(approvals.cancel().handle(new CancelAccessRequest.Command(caller,
                requestId(id), body == null ? null : actor(caller, body.actorId(), body.requesterId())))));
    }

    @Post(value = "/access-requests/{id}/revoke", consumes = MediaType.APPLICATION_JSON)
    @Status(HttpStatus.OK)
    @Operation(summary = "End an approved request's grant before it expires (its requester, or access-requests:approve on the "
            + "resource); the relationships are deleted at once", operationId = "revokeAccessGrant")
    ApprovalDtos.AccessRequestData revoke(HttpRequest<?> request, @PathVariable String id,
                                          @Nullable @Body ApprovalDtos.RevokeBody body) {
        return data(FailureException.value(approvals.revoke().handle(new RevokeAccessGrant.Command(
                callers.caller(request), requestId(id), body == null ? null : body.reason()))));
    }

    // ---- workflows

    @Post(value = "/workflows", consumes = MediaType.APPLICATION_JSON)
    @Status(HttpStatus.CREATED)
    @Operation(summary = "Create an approval workflow: ordered stages of approvers, N of M each (policies:write)",
            operationId = "createWorkflow")
    HttpResponse<ApprovalDtos.WorkflowData> createWorkflow(HttpRequest<?> request, @Body ApprovalDtos.WorkflowRequest body) {
        Caller caller = callers.caller(request);
        var w = FailureException.value(approvals.workflows().create(caller, OrganizationIds.organization(caller, body.organizationId()),
                body.toCore()));
        return HttpResponse.created(new ApprovalDtos.WorkflowData(ApprovalDtos.WorkflowView.of(w)))
                .header("Location", "/api/v1/workflows/" + w.id().text());
    }

    @Get("/workflows")
    @Operation(summary = "List an organization's workflows (policies:read), oldest first", operationId = "listWorkflows")
    ApprovalDtos.WorkflowList listWorkflows(HttpRequest<?> request, @RequestBean ListParams params,
                                            @Parameter(description = "The organization; implied for an API key caller")
                                            @Nullable @QueryValue("organization_id") String organizationId) {
        Caller caller = callers.caller(request);
        var page = FailureException.value(approvals.workflows().list(caller, OrganizationIds.organization(caller, organizationId),
                Lists.query(params, POLICY_SORTABLE)));
        return Lists.envelope(request, page, ApprovalDtos.WorkflowView::of, ApprovalDtos.WorkflowList::new);
    }

    @Get("/workflows/{id}")
    @Operation(summary = "Get a workflow (policies:read)", operationId = "getWorkflow")
    ApprovalDtos.WorkflowData getWorkflow(HttpRequest<?> request, @PathVariable String id) {
        return new ApprovalDtos.WorkflowData(ApprovalDtos.WorkflowView.of(FailureException.value(
                approvals.workflows().get(callers.caller(request), workflowId(id)))));
    }

    @Put(value = "/workflows/{id}", consumes = MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace a workflow's name, description and stages (policies:write); requests already submitted keep "
            + "the stages they were submitted with", operationId = "updateWorkflow")
    ApprovalDtos.WorkflowData updateWorkflow(HttpRequest<?> request, @PathVariable String id,
                                             @Body ApprovalDtos.WorkflowRequest body) {
        return new ApprovalDtos.WorkflowData(ApprovalDtos.WorkflowView.of(FailureException.value(
                approvals.workflows().update(callers.caller(request), workflowId(id), body.toCore()))));
    }

    @Delete("/workflows/{id}")
    @Operation(summary = "Delete a workflow no policy uses (policies:write; in use → 409)", operationId = "deleteWorkflow")
    HttpResponse<Void> deleteWorkflow(HttpRequest<?> request, @PathVariable String id) {
        FailureException.value(approvals.workflows().delete(callers.caller(request), workflowId(id)));
        return HttpResponse.noContent();
    }

    // ---- policies

    @Post(value = "/policies", consumes = MediaType.APPLICATION_JSON)
    @Status(HttpStatus.CREATED)
    @Operation(summary = "Create an approval policy (policies:write): what it matches and the workflow, maximum duration, "
            + "reason requirement, pending TTL and auto-approval that apply", operationId = "createPolicy")
    HttpResponse<ApprovalDtos.PolicyData> createPolicy(HttpRequest<?> request, @Body ApprovalDtos.PolicyRequest body) {
        Caller caller = callers.caller(request);
        var p = FailureException.value(approvals.policies().create(caller, OrganizationIds.organization(caller, body.organizationId()),
                body.toCore()));
        return HttpResponse.created(new ApprovalDtos.PolicyData(ApprovalDtos.PolicyView.of(p)))
                .header("Location", "/api/v1/policies/" + p.id().text());
    }

    @Get("/policies")
    @Operation(summary = "List an organization's policies (policies:read), oldest first", operationId = "listPolicies")
    ApprovalDtos.PolicyList listPolicies(HttpRequest<?> request, @RequestBean ListParams params,
                                         @Parameter(description = "The organization; implied for an API key caller")
                                         @Nullable @QueryValue("organization_id") String organizationId) {
        Caller caller = callers.caller(request);
        var page = FailureException.value(approvals.policies().list(caller, OrganizationIds.organization(caller, organizationId),
                Lists.query(params, POLICY_SORTABLE)));
        return Lists.envelope(request, page, ApprovalDtos.PolicyView::of, ApprovalDtos.PolicyList::new);
    }

    @Get("/policies/{id}")
    @Operation(summary = "Get a policy (policies:read)", operationId = "getPolicy")
    ApprovalDtos.PolicyData getPolicy(HttpRequest<?> request, @PathVariable String id) {
        return new ApprovalDtos.PolicyData(ApprovalDtos.PolicyView.of(FailureException.value(
                approvals.policies().get(callers.caller(request), policyId(id)))));
    }

    @Put(value = "/policies/{id}", consumes = MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace a policy's fields (policies:write)", operationId = "updatePolicy")
    ApprovalDtos.PolicyData updatePolicy(HttpRequest<?> request, @PathVariable String id, @Body ApprovalDtos.PolicyRequest body) {
        return new ApprovalDtos.PolicyData(ApprovalDtos.PolicyView.of(FailureException.value(
                approvals.policies().update(callers.caller(request), policyId(id), body.toCore()))));
    }

    @Delete("/policies/{id}")
    @Operation(summary = "Delete a policy (policies:write); requests it admitted are unaffected", operationId = "deletePolicy")
    HttpResponse<Void> deletePolicy(HttpRequest<?> request, @PathVariable String id) {
        FailureException.value(approvals.policies().delete(callers.caller(request), policyId(id)));
        return HttpResponse.noContent();
    }
}
