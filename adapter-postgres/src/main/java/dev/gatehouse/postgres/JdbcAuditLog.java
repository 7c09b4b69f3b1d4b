package dev.gatehouse.postgres;

import dev.gatehouse.core.audit.AuditEvent;
import dev.gatehouse.core.audit.AuditLog;
import dev.gatehouse.core.audit.AuditQuery;
import dev.gatehouse.core.shared.CursorPage;
import dev.gatehouse.core.shared.EventId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link AuditLog} in the append-only {@code audit_events} table (a trigger rejects UPDATE and
 * DELETE). An entry is written with the transaction's other queued inserts ({@link Sql#insertLater}). Reads go newest first by id; the filters are those of {@link AuditQuery#matches}.
 */
final class JdbcAuditLog extends JdbcTable<AuditEvent, EventId> implements AuditLog {
    private static final String INSERT = insert("audit_events",
            "id, occurred_at, actor_type, actor_id, action, resource_type, resource_id, organization_id, ip, "
            + "user_agent, request_id, correlation_id, idempotency_key, changes::jsonb");

    /** {@code rows} is the stateless mapper bean the wiring passes (ADR 0025); the mapping is static. */
    JdbcAuditLog(AuditEventRows rows, Sql sql) {
        super(sql, "audit_events", AuditEventRows::map);
    }

    @Override
    public void append(AuditEvent e) {
        sql.insertLater(INSERT,
                e.id().value(), e.occurredAt(), e.actorType(), e.actorId(), e.action(), e.resourceType(), e.resourceId(),
                e.organizationId() == null ? null : e.organizationId().value(), e.ip(), e.userAgent(), e.requestId(),
                e.correlationId(), e.idempotencyKey(), AuditEventRows.toJson(e.changes()));
    }

    @Override
    public CursorPage<AuditEvent> find(AuditQuery q, EventId after, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE true");
        filters(q, where, params);
        return newestFirst(where, params, after, limit, AuditEvent::id);
    }

    /** The filters of {@link AuditQuery#matches}, appended as {@code AND …} conditions. */
    private static void filters(AuditQuery q, StringBuilder where, List<Object> params) {
        JdbcLists.filter(where, params, "organization_id = ?", q.organizationId());
        JdbcLists.filter(where, params, "actor_id = ?", q.actor());
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
        JdbcLists.filter(where, params, "correlation_id = ?", q.correlationId());
        JdbcLists.filter(where, params, "occurred_at >= ?", q.since());
        JdbcLists.filter(where, params, "occurred_at < ?", q.until());
    }

    @Override
    public List<AuditEvent> slice(AuditQuery q, EventId after, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE true");
        JdbcLists.filter(where, params, "id > ?", after);
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
