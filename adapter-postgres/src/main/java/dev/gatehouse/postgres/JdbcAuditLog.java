package dev.gatehouse.postgres;

import dev.gatehouse.core.audit.AuditEvent;
import dev.gatehouse.core.audit.AuditLog;
import dev.gatehouse.core.audit.AuditQuery;
import dev.gatehouse.core.shared.CursorPage;
import dev.gatehouse.core.shared.EventId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link AuditLog} in the append-only {@code audit_events} table (a trigger rejects UPDATE and
 * DELETE). An entry is written with the transaction's other queued inserts ({@link Sql#insertLater}). Reads go newest first by id; the filters are those of {@link AuditQuery#matches}.
 */
final class JdbcAuditLog implements AuditLog {
    private final Sql sql;

    /** {@code rows} is the stateless mapper bean the wiring passes (ADR 0025); the mapping is static. */
    JdbcAuditLog(AuditEventRows rows, Sql sql) {
        this.sql = sql;
    }

    @Override
    public void append(AuditEvent e) {
        sql.insertLater("INSERT INTO audit_events (id, occurred_at, actor_type, actor_id, action, resource_type, resource_id,"
                + " organization_id, ip, user_agent, request_id, correlation_id, idempotency_key, changes)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)",
                e.id().value(), e.occurredAt(), e.actorType(), e.actorId(), e.action(), e.resourceType(), e.resourceId(),
                e.organizationId() == null ? null : e.organizationId().value(), e.ip(), e.userAgent(), e.requestId(),
                e.correlationId(), e.idempotencyKey(), AuditEventRows.toJson(e.changes()));
    }

    @Override
    public Optional<AuditEvent> byId(EventId id) {
        return sql.one("SELECT * FROM audit_events WHERE id = ?", AuditEventRows::map, id.value());
    }

    @Override
    public CursorPage<AuditEvent> find(AuditQuery q, EventId after, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE true");
        if (after != null) {
            where.append(" AND id < ?");
            params.add(after.value());
        }
        filters(q, where, params);
        params.add(limit + 1); // one more tells whether there is a next slice
        List<AuditEvent> found = sql.query("SELECT * FROM audit_events" + where + " ORDER BY id DESC LIMIT ?",
                AuditEventRows::map, params.toArray());
        boolean more = found.size() > limit;
        List<AuditEvent> page = more ? found.subList(0, limit) : found;
        return new CursorPage<>(page, more ? Optional.of(page.get(page.size() - 1).id().text()) : Optional.empty());
    }

    /** The filters of {@link AuditQuery#matches}, appended as {@code AND …} conditions. */
    private static void filters(AuditQuery q, StringBuilder where, List<Object> params) {
        if (q.organizationId() != null) {
            where.append(" AND organization_id = ?");
            params.add(q.organizationId().value());
        }
        if (q.actor() != null) {
            where.append(" AND actor_id = ?");
            params.add(q.actor());
        }
        if (q.action() != null) {
            if (q.action().endsWith(".*")) {
                // "user.*" is also a literal action name; otherwise a prefix ("user.") match
                where.append(" AND (action = ? OR action LIKE ? ESCAPE '\\')");
                params.add(q.action());
                params.add(Sql.likeLiteral(q.action().substring(0, q.action().length() - 1)) + "%");
            } else {
                where.append(" AND action = ?");
                params.add(q.action());
            }
        }
        if (q.resource() != null) {
            where.append(" AND (resource_id = ? OR resource_type = ?)");
            params.add(q.resource());
            params.add(q.resource());
        }
        if (q.correlationId() != null) {
            where.append(" AND correlation_id = ?");
            params.add(q.correlationId());
        }
        if (q.since() != null) {
            where.append(" AND occurred_at >= ?");
            params.add(q.since());
        }
        if (q.until() != null) {
            where.append(" AND occurred_at < ?");
            params.add(q.until());
        }
    }

    @Override
    public List<AuditEvent> slice(AuditQuery q, EventId after, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE true");
        if (after != null) {
            where.append(" AND id > ?");
            params.add(after.value());
        }
        filters(q, where, params);
        params.add(limit);
        return sql.query("SELECT * FROM audit_events" + where + " ORDER BY id LIMIT ?", AuditEventRows::map, params.toArray());
    }

    /**
     * The one DELETE the append-only trigger lets through: it runs with {@code gatehouse.audit_purge}
     * set for its own transaction only ({@code SET LOCAL}), under the background job's time budget.
     */
    @Override
    public int purgeBefore(Instant cutoff, int limit) {
        return sql.inOwnLongTransaction(c -> {
            try (java.sql.Statement s = c.createStatement()) {
                s.execute("SET LOCAL gatehouse.audit_purge = 'on'");
            }
            return Sql.update(c, "DELETE FROM audit_events WHERE id IN (SELECT id FROM audit_events "
                    + "WHERE occurred_at < ? ORDER BY occurred_at, id LIMIT ?)", cutoff, limit);
        });
    }
}
