package dev.gatehouse.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.core.events.DomainEvent;
import dev.gatehouse.core.shared.DeliveryId;
import dev.gatehouse.core.shared.EventId;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Page;
import dev.gatehouse.core.shared.PageRequest;
import dev.gatehouse.core.shared.WebhookId;
import dev.gatehouse.core.webhooks.DeliveryStatus;
import dev.gatehouse.core.webhooks.WebhookDeliveries;
import dev.gatehouse.core.webhooks.WebhookDelivery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link WebhookDeliveries} in {@code webhook_deliveries}, fan-out over {@code domain_events.fanned_out_at}.
 * <ul>
 *   <li>{@link #claimEvents}: {@code SELECT … WHERE fanned_out_at IS NULL ORDER BY id LIMIT n FOR UPDATE
 *       SKIP LOCKED} in the fan-out transaction; another instance skips the locked rows, and a crash
 *       before commit releases them.</li>
 *   <li>{@link #claimDue}: one statement in its own transaction sets a lease on up to n due rows
 *       picked with {@code FOR UPDATE SKIP LOCKED}.</li>
 *   <li>Wake-ups: {@link #announce()} is {@code pg_notify} on {@link #CHANNEL} in the caller's
 *       transaction (delivered at commit); a trigger on {@code domain_events} notifies too. A daemon
 *       thread LISTENs on a pool connection of its own and runs the hook, reconnecting with backoff
 *       (and waking once after each connect, for whatever it missed).</li>
 * </ul>
 */
final class JdbcWebhookDeliveries implements WebhookDeliveries, AutoCloseable {
    static final String CHANNEL = "gatehouse_webhooks";
    private static final Logger LOG = LoggerFactory.getLogger(JdbcWebhookDeliveries.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };
    private final Sql sql;
    private final DataSource pool;
    private PgListener listener;

    JdbcWebhookDeliveries(Sql sql, DataSource pool) {
        this.sql = sql;
        this.pool = pool;
    }

    @Override
    public void add(WebhookDelivery d) {
        sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO webhook_deliveries (id, endpoint_id, organization_id, "
                    + "event_id, event_type, message_id, payload, status, attempts, next_attempt_at, lease_until, response_code, "
                    + "duration_ms, response_excerpt, error, delivered_at, created_at, updated_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setObject(1, d.id().value());
                ps.setObject(2, d.endpointId().value());
                ps.setObject(3, d.organizationId().value());
                ps.setObject(4, d.eventId().value());
                ps.setString(5, d.eventType());
                ps.setString(6, d.messageId());
                ps.setString(7, d.payload());
                bindState(ps, d, 8);
                Sql.setInstant(ps, 17, d.createdAt());
                Sql.setInstant(ps, 18, d.updatedAt());
                return ps.executeUpdate();
            }
        });
    }

    /** status … delivered_at: 9 parameters from {@code from}. */
    private static void bindState(PreparedStatement ps, WebhookDelivery d, int from) throws SQLException {
        ps.setString(from, d.status().wire());
        ps.setInt(from + 1, d.attempts());
        Sql.setInstant(ps, from + 2, d.nextAttemptAt());
        Sql.setInstant(ps, from + 3, d.leaseUntil());
        if (d.responseCode() == null) {
            ps.setNull(from + 4, Types.INTEGER);
        } else {
            ps.setInt(from + 4, d.responseCode());
        }
        if (d.durationMs() == null) {
            ps.setNull(from + 5, Types.BIGINT);
        } else {
            ps.setLong(from + 5, d.durationMs());
        }
        ps.setString(from + 6, d.responseExcerpt() == null ? null : d.responseExcerpt().replace("\u0000", ""));
        ps.setString(from + 7, d.error() == null ? null : d.error().replace("\u0000", ""));
        Sql.setInstant(ps, from + 8, d.deliveredAt());
    }

    @Override
    public void update(WebhookDelivery d) {
        sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE webhook_deliveries SET status = ?, attempts = ?, "
                    + "next_attempt_at = ?, lease_until = ?, response_code = ?, duration_ms = ?, response_excerpt = ?, error = ?, "
                    + "delivered_at = ?, updated_at = ? WHERE id = ?")) {
                bindState(ps, d, 1);
                Sql.setInstant(ps, 10, d.updatedAt());
                ps.setObject(11, d.id().value());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public Optional<WebhookDelivery> byId(DeliveryId id) {
        return sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM webhook_deliveries WHERE id = ?")) {
                ps.setObject(1, id.value());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(row(rs)) : Optional.<WebhookDelivery>empty();
                }
            }
        });
    }

    @Override
    public Page<WebhookDelivery> list(WebhookId endpoint, DeliveryStatus status, PageRequest page) {
        String where = " WHERE endpoint_id = ?" + (status == null ? "" : " AND status = ?");
        return sql.run(c -> {
            long total;
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM webhook_deliveries" + where)) {
                ps.setObject(1, endpoint.value());
                if (status != null) {
                    ps.setString(2, status.wire());
                }
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<WebhookDelivery> items = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM webhook_deliveries" + where
                    + " ORDER BY id DESC LIMIT ? OFFSET ?")) {
                int i = 1;
                ps.setObject(i++, endpoint.value());
                if (status != null) {
                    ps.setString(i++, status.wire());
                }
                ps.setInt(i++, page.perPage());
                ps.setLong(i, page.offset());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        items.add(row(rs));
                    }
                }
            }
            return new Page<>(items, page.page(), page.perPage(), total);
        });
    }

    @Override
    public List<WebhookDelivery> claimDue(Instant now, Instant leaseUntil, int limit) {
        return sql.inOwnTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE webhook_deliveries d SET lease_until = ? WHERE d.id IN ("
                    + "SELECT id FROM webhook_deliveries WHERE status IN ('pending', 'retrying') AND next_attempt_at <= ? "
                    + "AND (lease_until IS NULL OR lease_until < ?) ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED) "
                    + "RETURNING d.*")) {
                Sql.setInstant(ps, 1, leaseUntil);
                Sql.setInstant(ps, 2, now);
                Sql.setInstant(ps, 3, now);
                ps.setInt(4, limit);
                List<WebhookDelivery> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(row(rs));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public List<DomainEvent> claimEvents(int limit) {
        return sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM domain_events WHERE fanned_out_at IS NULL "
                    + "ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED")) {
                ps.setInt(1, limit);
                return events(ps);
            }
        });
    }

    @Override
    public void markFannedOut(Collection<EventId> events) {
        if (events.isEmpty()) {
            return;
        }
        sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE domain_events SET fanned_out_at = now() WHERE id = ANY (?)")) {
                ps.setArray(1, c.createArrayOf("uuid", events.stream().map(EventId::value).toArray()));
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public List<DomainEvent> eventsOf(OrganizationId organization, Instant since, int limit) {
        return sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM domain_events WHERE organization_id = ? "
                    + "AND occurred_at >= ? ORDER BY id LIMIT ?")) {
                ps.setObject(1, organization.value());
                Sql.setInstant(ps, 2, since);
                ps.setInt(3, limit);
                return events(ps);
            }
        });
    }

    private static List<DomainEvent> events(PreparedStatement ps) throws SQLException {
        List<DomainEvent> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                UUID org = rs.getObject("organization_id", UUID.class);
                Map<String, Object> data;
                try {
                    data = JSON.readValue(rs.getString("data"), MAP);
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("event data in the database is not a JSON object", e);
                }
                out.add(new DomainEvent(new EventId(rs.getObject("id", UUID.class)), rs.getString("type"),
                        org == null ? null : new OrganizationId(org), Sql.instant(rs, "occurred_at"), data));
            }
        }
        return out;
    }

    @Override
    public void announce() {
        sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_notify(?, '')")) {
                ps.setString(1, CHANNEL);
                ps.execute();
            }
            return null;
        });
    }

    @Override
    public synchronized void onAnnounce(Runnable wake) {
        if (listener != null) {
            return;
        }
        // after each (re)connect too: whatever was announced while not listening
        listener = new PgListener(pool, CHANNEL, "webhook-wakeups", wake, payload -> wake.run());
    }

    @Override
    public void close() {
        PgListener l;
        synchronized (this) {
            l = listener;
        }
        if (l != null) {
            l.close();
        }
    }

    private static WebhookDelivery row(ResultSet rs) throws SQLException {
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
