package dev.gatehouse.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.core.events.DomainEvent;
import dev.gatehouse.core.shared.EventId;
import dev.gatehouse.core.shared.OrganizationId;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The row mapper of {@code domain_events} ({@code data} as jsonb), shared by the event outbox and the
 * webhook fan-out.
 */
final class DomainEventRows {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    private DomainEventRows() {
    }

    static DomainEvent map(ResultSet rs) throws SQLException {
        UUID org = rs.getObject("organization_id", UUID.class);
        return new DomainEvent(new EventId(rs.getObject("id", UUID.class)), rs.getString("type"),
                org == null ? null : new OrganizationId(org), Sql.instant(rs, "occurred_at"), fromJson(rs.getString("data")));
    }

    static String toJson(Map<String, Object> data) {
        try {
            return JSON.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event data is not representable as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static Map<String, Object> fromJson(String json) {
        try {
            return JSON.readValue(json, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event data in the database is not a JSON object: " + e.getOriginalMessage(), e);
        }
    }
}
