package dev.gatehouse.core.events;

import dev.gatehouse.core.shared.AccessRequestId;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.PolicyId;
import dev.gatehouse.core.shared.UserId;

import java.time.Instant;
import java.util.Objects;

/** Just-in-time access: {@code access_request.*} and {@code access_grant.*}, each with the request's facts. */
public sealed interface ApprovalEvent extends Event {
    /** What every access-request event (and the audit of a vote) carries about the request. */
    record Request(AccessRequestId accessRequestId, OrganizationId organizationId, UserId requesterId, String resourceType,
                   String resourceId, String role, String permission, long durationMinutes, String status,
                   Instant grantExpiresAt) {
        public Request {
            Objects.requireNonNull(accessRequestId, "accessRequestId");
            Objects.requireNonNull(organizationId, "organizationId");
            Objects.requireNonNull(status, "status");
        }

        static Request example(String status, Instant grantExpiresAt) {
            return new Request(Examples.REQ, Examples.ORG, Examples.USR, "environment", Examples.ENV_TEXT, null,
                    "api-keys:write", 60, status, grantExpiresAt);
        }
    }

    /** One vote: its verdict, the stage (1-based) and the comment (approval) or reason (rejection). */
    record Vote(String decision, int stage, String stageName, String comment, String reason) {
    }

    Request request();

    @Override
    default OrganizationId organizationId() {
        return request().organizationId();
    }

    @EventSpec(type = "access_request.submitted", description = "A user asked for time-boxed access (a role or a permission) on a resource")
    record Submitted(Request request, PolicyId policyId, String reason) implements ApprovalEvent {
    }

    @EventSpec(type = "access_request.approved", description = "An access request passed its last stage (or was auto-approved) "
            + "and the grant was written")
    record Approved(Request request, Vote vote, Boolean autoApproved) implements ApprovalEvent {
    }

    @EventSpec(type = "access_request.stage_passed", description = "An approval reached a stage's quorum and the request "
            + "now waits for the next stage (next_stage, 1-based, and its name)")
    record StagePassed(Request request, Vote vote, int nextStage, String nextStageName) implements ApprovalEvent {
    }

    @EventSpec(type = "access_request.rejected", description = "An approver rejected an access request in a stage whose "
            + "rejection ends it")
    record Rejected(Request request, Vote vote) implements ApprovalEvent {
    }

    @EventSpec(type = "access_request.cancelled", description = "A pending access request was withdrawn by its requester, or "
            + "cancelled because its member, organization, project or environment went away (reason member_removed, …)")
    record Cancelled(Request request, String reason) implements ApprovalEvent {
    }

    @EventSpec(type = "access_request.expired", description = "A pending access request was not decided within its policy's TTL")
    record Expired(Request request) implements ApprovalEvent {
    }

    @EventSpec(type = "access_grant.expired", description = "An approved request's grant reached its end by itself")
    record GrantExpired(Request request) implements ApprovalEvent {
    }

    @EventSpec(type = "access_grant.revoked", description = "An approved request's grant was ended early: by the requester, "
            + "an approver, or because its member, organization, project or environment went away (reason)")
    record GrantRevoked(Request request, String reason) implements ApprovalEvent {
    }
}
