package dev.gatehouse.core.audit;

import dev.gatehouse.core.shared.EventId;
import dev.gatehouse.core.shared.OrganizationId;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One entry of the append-only audit trail. {@code changes} is a small before/after summary
 * ({@code {"name": {"before": "a", "after": "b"}}} or plain attributes for creations); it never holds
 * secrets. Ids are UUIDv7, so id order is time order.
 */
public record AuditEvent(EventId id, Instant occurredAt, String actorType, String actorId, String action,
                         String resourceType, String resourceId, OrganizationId organizationId,
                         String ip, String userAgent, String requestId, String correlationId,
                         String idempotencyKey, Map<String, Object> changes) {

    public AuditEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(actorType, "actorType");
        Objects.requireNonNull(actorId, "actorId");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(resourceType, "resourceType");
        changes = changes == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(changes));
    }
}
