package dev.gatehouse.postgres;

import dev.gatehouse.core.shared.DeliveryId;
import dev.gatehouse.core.shared.EventId;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.WebhookId;
import dev.gatehouse.core.webhooks.DeliveryStatus;
import dev.gatehouse.core.webhooks.WebhookDelivery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/** The row mapper of {@code webhook_deliveries}. */
final class WebhookDeliveryRows {
    private WebhookDeliveryRows() {
    }

    static WebhookDelivery map(ResultSet rs) throws SQLException {
        Integer code = (Integer) rs.getObject("response_code");
        Long duration = (Long) rs.getObject("duration_ms");
        return new WebhookDelivery(new DeliveryId(rs.getObject("id", UUID.class)),
                new WebhookId(rs.getObject("endpoint_id", UUID.class)), new OrganizationId(rs.getObject("organization_id", UUID.class)),
                new EventId(rs.getObject("event_id", UUID.class)), rs.getString("event_type"), rs.getString("message_id"),
                rs.getString("payload"), DeliveryStatus.parse(rs.getString("status")).orElseThrow(), rs.getInt("attempts"),
                Sql.instant(rs, "next_attempt_at"), Sql.instant(rs, "lease_until"), code, duration,
                rs.getString("response_excerpt"), rs.getString("error"), Sql.instant(rs, "delivered_at"),
                Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"));
    }
}
