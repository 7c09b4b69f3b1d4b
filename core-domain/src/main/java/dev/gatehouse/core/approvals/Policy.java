package dev.gatehouse.core.approvals;

import dev.gatehouse.core.authorization.ObjectRef;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.PolicyId;
import dev.gatehouse.core.shared.WorkflowId;
import dev.gatehouse.core.tenancy.projects.EnvironmentKind;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * Admits access requests: the criteria (null matches anything) and what applies to a matching
 * request. When several policies match, the most specific wins: the one with the most criteria set;
 * ties go to the oldest, then the smallest id ({@link #PRECEDENCE}).
 */
public record Policy(PolicyId id, OrganizationId organizationId, String name, String resourceType,
                     EnvironmentKind environmentKind, String requestedRole, String requestedPermission,
                     WorkflowId workflowId, Duration maxDuration, boolean reasonRequired, Duration pendingTtl,
                     boolean autoApprove, Instant createdAt, Instant updatedAt) {
    public static final Duration DEFAULT_PENDING_TTL = Duration.ofHours(24);
    public static final Comparator<Policy> PRECEDENCE = Comparator.comparingInt(Policy::specificity).reversed()
            .thenComparing(Policy::createdAt).thenComparing(p -> p.id().text());

    public Policy {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(maxDuration, "maxDuration");
        Objects.requireNonNull(pendingTtl, "pendingTtl");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** How many criteria are set (0–4): more is more specific. */
    public int specificity() {
        return (resourceType != null ? 1 : 0) + (environmentKind != null ? 1 : 0)
                + (requestedRole != null ? 1 : 0) + (requestedPermission != null ? 1 : 0);
    }

    /**
     * Whether a request for {@code access} on {@code resource} (an environment of {@code kind}, or null
     * for organizations and projects) matches. A policy naming an environment kind matches environments only.
     */
    public boolean matches(ObjectRef resource, EnvironmentKind kind, RequestedAccess access) {
        return (resourceType == null || resourceType.equals(resource.type()))
                && (environmentKind == null || environmentKind == kind)
                && (requestedRole == null || requestedRole.equals(access.role()))
                && (requestedPermission == null || requestedPermission.equals(access.permission()));
    }
}
