package dev.gatehouse.core.audit;

import dev.gatehouse.core.shared.OrganizationId;

import java.time.Instant;

/**
 * Filters of {@code GET /api/v1/audit-events}. {@code resource} matches a resource id, or a resource
 * type when it has no id shape ({@code user} or {@code usr_…}). {@code organizationId} null means all
 * organizations (platform admins only). {@code since} is inclusive, {@code until} exclusive.
 */
public record AuditQuery(OrganizationId organizationId, String actor, String action, String resource,
                         String correlationId, Instant since, Instant until) {

    public static AuditQuery all() {
        return new AuditQuery(null, null, null, null, null, null, null);
    }

    public boolean matches(AuditEvent e) {
        return (organizationId == null || organizationId.equals(e.organizationId()))
                && (actor == null || actor.equals(e.actorId()))
                && (action == null || action.equals(e.action()) || (action.endsWith(".*")
                        && e.action().startsWith(action.substring(0, action.length() - 1))))
                && (resource == null || resource.equals(e.resourceId()) || resource.equals(e.resourceType()))
                && (correlationId == null || correlationId.equals(e.correlationId()))
                && (since == null || !e.occurredAt().isBefore(since))
                && (until == null || e.occurredAt().isBefore(until));
    }
}
