package dev.gatehouse.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.core.entitlements.UsageRecord;
import dev.gatehouse.core.shared.OrganizationId;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;

/** The row mapper of {@code usage_records} ({@code metadata} as jsonb). */
final class UsageRecordRows {
    static final String COLUMNS = "id, organization_id, feature, quantity, metadata, recorded_by, recorded_at";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private UsageRecordRows() {
    }

    static UsageRecord map(ResultSet rs) throws SQLException {
        return new UsageRecord(rs.getObject("id", UUID.class), new OrganizationId(rs.getObject("organization_id", UUID.class)),
                rs.getString("feature"), rs.getLong("quantity"), metadata(rs.getString("metadata")),
                rs.getString("recorded_by"), Sql.instant(rs, "recorded_at"));
    }

    static String toJson(Map<String, Object> metadata) {
        try {
            return JSON.writeValueAsString(metadata);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("usage metadata is not representable as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static Map<String, Object> metadata(String json) {
        try {
            return JSON.readValue(json, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("usage metadata in the database is not a JSON object: " + e.getOriginalMessage(), e);
        }
    }
}
