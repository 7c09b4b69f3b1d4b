package dev.gatehouse.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.core.events.DomainEvent;
import dev.gatehouse.core.events.EventOutbox;
import dev.gatehouse.core.shared.EventId;
import dev.gatehouse.core.shared.OrganizationId;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** {@link EventOutbox} in {@code domain_events}; appends join the caller's transaction. */
final class JdbcEventOutbox implements EventOutbox {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    private final Sql sql;

    JdbcEventOutbox(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void append(DomainEvent event) {
        sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO domain_events (id, type, organization_id, occurred_at, data) VALUES (?, ?, ?, ?, ?::jsonb)")) {
                ps.setObject(1, event.id().value());
                ps.setString(2, event.type());
                ps.setObject(3, event.organizationId() == null ? null : event.organizationId().value());
                Sql.setInstant(ps, 4, event.occurredAt());
                ps.setString(5, toJson(event.data()));
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public List<DomainEvent> after(EventId after, int limit) {
        return sql.run(c -> {
            String query = after == null
                    ? "SELECT * FROM domain_events ORDER BY id LIMIT ?"
                    : "SELECT * FROM domain_events WHERE id > ? ORDER BY id LIMIT ?";
            try (PreparedStatement ps = c.prepareStatement(query)) {
                int i = 1;
                if (after != null) {
                    ps.setObject(i++, after.value());
                }
                ps.setInt(i, limit);
                List<DomainEvent> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(fromRow(rs));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public Optional<DomainEvent> byId(EventId id) {
        return sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM domain_events WHERE id = ?")) {
                ps.setObject(1, id.value());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(fromRow(rs)) : Optional.<DomainEvent>empty();
                }
            }
        });
    }

    private static DomainEvent fromRow(ResultSet rs) throws SQLException {
        UUID org = rs.getObject("organization_id", UUID.class);
        return new DomainEvent(new EventId(rs.getObject("id", UUID.class)), rs.getString("type"),
                org == null ? null : new OrganizationId(org), Sql.instant(rs, "occurred_at"), fromJson(rs.getString("data")));
    }

    private static String toJson(Map<String, Object> data) {
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
