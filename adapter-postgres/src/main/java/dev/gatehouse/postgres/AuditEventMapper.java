package dev.gatehouse.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.gatehouse.core.audit.AuditEvent;
import dev.gatehouse.core.shared.EventId;
import dev.gatehouse.core.shared.OrganizationId;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * {@link AuditEvent} to {@link AuditEventRow} and back. The {@code changes} summary goes through
 * JSON: strings, numbers, booleans, nulls, lists and nested maps come back as they went in (times
 * as ISO-8601 text).
 */
final class AuditEventMapper {
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    private AuditEventMapper() {
    }

    static AuditEventRow toRow(AuditEvent e) {
        return new AuditEventRow(e.id().value(), e.occurredAt(), e.actorType(), e.actorId(), e.action(), e.resourceType(),
                e.resourceId(), e.organizationId() == null ? null : e.organizationId().value(), e.ip(), e.userAgent(),
                e.requestId(), e.correlationId(), e.idempotencyKey(), toJson(e.changes()));
    }

    static AuditEvent toDomain(AuditEventRow r) {
        return new AuditEvent(new EventId(r.id()), r.occurredAt(), r.actorType(), r.actorId(), r.action(), r.resourceType(),
                r.resourceId(), r.organizationId() == null ? null : new OrganizationId(r.organizationId()), r.ip(),
                r.userAgent(), r.requestId(), r.correlationId(), r.idempotencyKey(), fromJson(r.changes()));
    }

    /** The row under the cursor of a {@code SELECT *} from {@code audit_events}. */
    static AuditEventRow fromResultSet(ResultSet rs) throws SQLException {
        return new AuditEventRow(rs.getObject("id", UUID.class), Sql.instant(rs, "occurred_at"), rs.getString("actor_type"),
                rs.getString("actor_id"), rs.getString("action"), rs.getString("resource_type"), rs.getString("resource_id"),
                rs.getObject("organization_id", UUID.class), rs.getString("ip"), rs.getString("user_agent"),
                rs.getString("request_id"), rs.getString("correlation_id"), rs.getString("idempotency_key"),
                rs.getString("changes"));
    }

    private static String toJson(Map<String, Object> changes) {
        try {
            return JSON.writeValueAsString(changes);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("audit changes are not representable as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static Map<String, Object> fromJson(String json) {
        if (json == null || json.isEmpty()) {
            return Map.of();
        }
        try {
            return JSON.readValue(json, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit changes in the database are not a JSON object: " + e.getOriginalMessage(), e);
        }
    }
}
