package dev.gatehouse.postgres;

import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.WebhookId;
import dev.gatehouse.core.webhooks.WebhookEndpoint;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** The row mapper of {@code webhook_endpoints} (secrets sealed, {@code events} a text array). */
final class WebhookEndpointRows {
    private WebhookEndpointRows() {
    }

    static WebhookEndpoint map(ResultSet rs) throws SQLException {
        Array events = rs.getArray("events");
        List<String> list = Arrays.asList((String[]) events.getArray());
        return new WebhookEndpoint(new WebhookId(rs.getObject("id", UUID.class)),
                new OrganizationId(rs.getObject("organization_id", UUID.class)), rs.getString("url"), list,
                rs.getString("description"), rs.getBoolean("active"), rs.getBytes("secret_sealed"),
                rs.getBytes("previous_secret_sealed"), Sql.instant(rs, "previous_secret_until"), rs.getString("disabled_reason"),
                Sql.instant(rs, "failing_since"), rs.getLong("success_count"), rs.getLong("failure_count"),
                rs.getInt("consecutive_failures"), Sql.instant(rs, "last_delivery_at"), Sql.instant(rs, "created_at"),
                Sql.instant(rs, "updated_at"));
    }
}
