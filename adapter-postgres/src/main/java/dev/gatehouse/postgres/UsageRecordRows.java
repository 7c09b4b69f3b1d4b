package dev.gatehouse.postgres;

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
    private static final JsonObjects METADATA = new JsonObjects(new ObjectMapper(), "usage metadata");

    private UsageRecordRows() {
    }

    static UsageRecord map(ResultSet rs) throws SQLException {
        return new UsageRecord(rs.getObject("id", UUID.class), new OrganizationId(rs.getObject("organization_id", UUID.class)),
                rs.getString("feature"), rs.getLong("quantity"), METADATA.read(rs.getString("metadata")),
                rs.getString("recorded_by"), Sql.instant(rs, "recorded_at"));
    }

    static String toJson(Map<String, Object> metadata) {
        return METADATA.write(metadata);
    }
}
