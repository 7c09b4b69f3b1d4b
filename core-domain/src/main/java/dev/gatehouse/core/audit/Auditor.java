package dev.gatehouse.core.audit;

import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.EntityId;
import dev.gatehouse.core.shared.EventId;
import dev.gatehouse.core.shared.IdGenerator;
import dev.gatehouse.core.shared.OrganizationId;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Builds audit events from the caller and appends them. Use cases call it inside their transaction,
 * so an event exists exactly when its change does.
 */
public record Auditor(AuditLog log, Clock clock, IdGenerator ids) {
    public AuditEvent record(Caller caller, String action, String resourceType, EntityId resource,
                             OrganizationId organization, Map<String, Object> changes) {
        AuditEvent event = event(caller, action, resourceType, resource, organization, changes);
        log.append(event);
        return event;
    }

    /**
     * Records an entry that need not commit with a change (it records an act, such as an issued
     * token): queued and written behind in batches when the log is a {@link WriteBehindAuditLog}
     * (ADR 30), else appended at once. Call it outside the use case's transaction.
     */
    public AuditEvent recordLater(Caller caller, String action, String resourceType, EntityId resource,
                                  OrganizationId organization, Map<String, Object> changes) {
        AuditEvent event = event(caller, action, resourceType, resource, organization, changes);
        if (log instanceof WriteBehindAuditLog queued) {
            queued.appendLater(event);
        } else {
            log.append(event);
        }
        return event;
    }

    private AuditEvent event(Caller caller, String action, String resourceType, EntityId resource,
                             OrganizationId organization, Map<String, Object> changes) {
        var origin = caller.origin();
        String correlation = origin.correlationId() != null ? origin.correlationId() : origin.requestId();
        AuditEvent event = new AuditEvent(new EventId(ids.newId()), clock.instant(), caller.principal().type(),
                caller.principal().id(), action, resourceType, resource == null ? null : resource.text(),
                organization, origin.ip(), origin.userAgent(), origin.requestId(), correlation,
                origin.idempotencyKey(), changes);
        return event;
    }

    /** A before/after pair for the summary, or nothing when the value did not change. */
    public static void change(Map<String, Object> into, String field, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            Map<String, Object> pair = new LinkedHashMap<>();
            pair.put("before", before);
            pair.put("after", after);
            into.put(field, pair);
        }
    }
}
