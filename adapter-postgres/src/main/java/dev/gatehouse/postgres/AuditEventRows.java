package dev.gatehouse.postgres;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.gatehouse.core.audit.AuditEvent;
import dev.gatehouse.core.shared.EventId;
import dev.gatehouse.core.shared.OrganizationId;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;

/**
 * The row mapper of {@code audit_events}. The {@code changes} summary goes through JSON (a jsonb
 * column): strings, numbers, booleans, nulls, lists and nested maps come back as they went in (times
 * as ISO-8601 text). A bean without state only because the wiring hands it to {@link JdbcAuditLog}
 * (ADR 0025: it was a Micronaut Data repository).
 */
@Singleton
@Requires(property = PostgresStores.STORE_PROPERTY, value = PostgresStores.STORE_VALUE)
final class AuditEventRows {
    private static final JsonObjects CHANGES = new JsonObjects(new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS), "audit changes");

    /** The event in the row under the cursor of a {@code SELECT *} from {@code audit_events}. */
    static AuditEvent map(ResultSet rs) throws SQLException {
        UUID organization = rs.getObject("organization_id", UUID.class);
        return new AuditEvent(new EventId(rs.getObject("id", UUID.class)), Sql.instant(rs, "occurred_at"),
                rs.getString("actor_type"), rs.getString("actor_id"), rs.getString("action"), rs.getString("resource_type"),
                rs.getString("resource_id"), organization == null ? null : new OrganizationId(organization), rs.getString("ip"),
                rs.getString("user_agent"), rs.getString("request_id"), rs.getString("correlation_id"),
                rs.getString("idempotency_key"), fromJson(rs.getString("changes")));
    }

    static String toJson(Map<String, Object> changes) {
        return CHANGES.write(changes);
    }

    private static Map<String, Object> fromJson(String json) {
        if (json == null || json.isEmpty()) {
            return Map.of();
        }
        return CHANGES.read(json);
    }
}
