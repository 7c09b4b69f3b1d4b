package dev.gatehouse.core.events;

import dev.gatehouse.core.shared.EventId;
import dev.gatehouse.core.shared.OrganizationId;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Something that happened, for subscribers outside Gatehouse (webhooks): a past-tense type
 * ({@code organization.created}, {@code member.role_changed}), the organization it belongs to, and a
 * small JSON-shaped payload of ids and changed fields (never secrets). Ids are UUIDv7, so id order
 * is time order.
 */
public record DomainEvent(EventId id, String type, OrganizationId organizationId, Instant occurredAt,
                          Map<String, Object> data) {
    private static final Pattern TYPE = Pattern.compile("[a-z][a-z_]*(\\.[a-z][a-z_]*)+");

    public DomainEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        if (!TYPE.matcher(type).matches()) {
            throw new IllegalArgumentException("event type must look like resource.past_tense: " + type);
        }
        data = data == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }
}
