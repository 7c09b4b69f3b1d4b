package dev.gatehouse.postgres;

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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
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
    private final Sql sql;
    private final DataSource pool;
    private PgListener listener;

    JdbcWebhookDeliveries(Sql sql, DataSource pool) {
        this.sql = sql;
        this.pool = pool;
    }

    private static final String INSERT = "INSERT INTO webhook_deliveries (id, endpoint_id, organization_id, event_id, event_type,"
            + " message_id, payload, status, attempts, next_attempt_at, lease_until, response_code, duration_ms, response_excerpt,"
            + " error, delivered_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String UPDATE = "UPDATE webhook_deliveries SET status = ?, attempts = ?, next_attempt_at = ?,"
            + " lease_until = ?, response_code = ?, duration_ms = ?, response_excerpt = ?, error = ?, delivered_at = ?,"
            + " updated_at = ? WHERE id = ?";

    @Override
    public void add(WebhookDelivery d) {
        sql.update(INSERT, insertValues(d));
    }

    /** One JDBC batch: the driver sends the rows together, one round trip. */
    @Override
    public void addAll(List<WebhookDelivery> added) {
        sql.batch(INSERT, added.stream().map(JdbcWebhookDeliveries::insertValues).toList());
    }

    private static Object[] insertValues(WebhookDelivery d) {
        List<Object> values = new ArrayList<>(List.of(d.id().value(), d.endpointId().value(), d.organizationId().value(),
                d.eventId().value(), d.eventType(), d.messageId(), d.payload()));
        values.addAll(state(d));
        values.addAll(List.of(d.createdAt(), d.updatedAt()));
        return values.toArray();
    }

    /** The values of status … delivered_at (9); texts without NUL, which PostgreSQL cannot store. */
    private static List<Object> state(WebhookDelivery d) {
        return Arrays.asList(d.status().wire(), d.attempts(), d.nextAttemptAt(), d.leaseUntil(), d.responseCode(),
                d.durationMs(), d.responseExcerpt() == null ? null : d.responseExcerpt().replace("\u0000", ""),
                d.error() == null ? null : d.error().replace("\u0000", ""), d.deliveredAt());
    }

    @Override
    public void update(WebhookDelivery d) {
        sql.update(UPDATE, updateValues(d));
    }

    /** One JDBC batch: the driver sends the rows together, one round trip. */
    @Override
    public void updateAll(List<WebhookDelivery> updated) {
        sql.batch(UPDATE, updated.stream().map(JdbcWebhookDeliveries::updateValues).toList());
    }

    private static Object[] updateValues(WebhookDelivery d) {
        List<Object> values = new ArrayList<>(state(d));
        values.addAll(List.of(d.updatedAt(), d.id().value()));
        return values.toArray();
    }

    @Override
    public Optional<WebhookDelivery> byId(DeliveryId id) {
        return sql.one("SELECT * FROM webhook_deliveries WHERE id = ?", WebhookDeliveryRows::map, id.value());
    }

    @Override
    public Page<WebhookDelivery> list(WebhookId endpoint, DeliveryStatus status, PageRequest page) {
        List<Object> params = new ArrayList<>(List.of(endpoint.value()));
        String where = " WHERE endpoint_id = ?";
        if (status != null) {
            where += " AND status = ?";
            params.add(status.wire());
        }
        String filter = where;
        return sql.run(c -> JdbcLists.page(c, "webhook_deliveries", filter, " ORDER BY id DESC", params, page,
                WebhookDeliveryRows::map));
    }

    @Override
    public List<WebhookDelivery> claimDue(Instant now, Instant leaseUntil, int limit) {
        return sql.inOwnTransaction(c -> Sql.query(c, "UPDATE webhook_deliveries d SET lease_until = ? WHERE d.id IN ("
                + "SELECT id FROM webhook_deliveries WHERE status IN ('pending', 'retrying') AND next_attempt_at <= ? "
                + "AND (lease_until IS NULL OR lease_until < ?) ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED) "
                + "RETURNING d.*", WebhookDeliveryRows::map, leaseUntil, now, now, limit));
    }

    @Override
    public List<DomainEvent> claimEvents(int limit) {
        return sql.query("SELECT * FROM domain_events WHERE fanned_out_at IS NULL ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED",
                DomainEventRows::map, limit);
    }

    @Override
    public void markFannedOut(Collection<EventId> events) {
        if (events.isEmpty()) {
            return;
        }
        sql.update("UPDATE domain_events SET fanned_out_at = now() WHERE id = ANY (?)",
                (Object) events.stream().map(EventId::value).toArray(UUID[]::new));
    }

    @Override
    public List<DomainEvent> eventsOf(OrganizationId organization, Instant since, int limit) {
        return sql.query("SELECT * FROM domain_events WHERE organization_id = ? AND occurred_at >= ? ORDER BY id LIMIT ?",
                DomainEventRows::map, organization.value(), since, limit);
    }

    @Override
    public void announce() {
        sql.one("SELECT pg_notify(?, '')", rs -> true, CHANNEL);
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
}
