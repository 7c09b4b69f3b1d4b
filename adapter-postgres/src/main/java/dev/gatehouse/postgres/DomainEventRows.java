package dev.gatehouse.postgres;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.core.events.DomainEvent;
import dev.gatehouse.core.shared.EventId;
import dev.gatehouse.core.shared.OrganizationId;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;

/**
 * The row mapper of {@code domain_events} ({@code data} as jsonb), shared by the event outbox and the
 * webhook fan-out.
 */
final class DomainEventRows {
    private static final JsonObjects DATA = new JsonObjects(new ObjectMapper(), "event data");

    private DomainEventRows() {
    }

    static DomainEvent map(ResultSet rs) throws SQLException {
        UUID org = rs.getObject("organization_id", UUID.class);
        return new DomainEvent(new EventId(rs.getObject("id", UUID.class)), rs.getString("type"),
                org == null ? null : new OrganizationId(org), Sql.instant(rs, "occurred_at"), DATA.read(rs.getString("data")));
    }

    static String toJson(Map<String, Object> data) {
        return DATA.write(data);
    }
}
