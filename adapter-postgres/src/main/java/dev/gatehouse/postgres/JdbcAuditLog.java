package dev.gatehouse.postgres;

import dev.gatehouse.core.audit.AuditEvent;
import dev.gatehouse.core.audit.AuditLog;
import dev.gatehouse.core.audit.AuditQuery;
import dev.gatehouse.core.shared.CursorPage;
import dev.gatehouse.core.shared.EventId;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link AuditLog} in the append-only {@code audit_events} table (a trigger rejects UPDATE and
 * DELETE). Reads go newest first by id; the filters are those of {@link AuditQuery#matches}.
 */
final class JdbcAuditLog implements AuditLog {
    private final AuditEventRows rows;
    private final Sql sql;

    JdbcAuditLog(AuditEventRows rows, Sql sql) {
        this.rows = rows;
        this.sql = sql;
    }

    @Override
    public void append(AuditEvent event) {
        rows.save(AuditEventMapper.toRow(event));
    }

    @Override
    public Optional<AuditEvent> byId(EventId id) {
        return rows.findById(id.value()).map(AuditEventMapper::toDomain);
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
        String query = "SELECT * FROM audit_events" + where + " ORDER BY id DESC LIMIT ?";
        List<AuditEvent> found = sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(query)) {
                int i = bind(ps, params);
                ps.setInt(i, limit + 1); // one more tells whether there is a next slice
                List<AuditEvent> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(AuditEventMapper.toDomain(AuditEventMapper.fromResultSet(rs)));
                    }
                }
                return out;
            }
        });
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

    /** Binds {@code params} from index 1; returns the next free index. */
    private static int bind(PreparedStatement ps, List<Object> params) throws java.sql.SQLException {
        int i = 1;
        for (Object p : params) {
            if (p instanceof Instant t) {
                Sql.setInstant(ps, i++, t);
            } else {
                ps.setObject(i++, p);
            }
        }
        return i;
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
        String query = "SELECT * FROM audit_events" + where + " ORDER BY id LIMIT ?";
        return sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(query)) {
                ps.setInt(bind(ps, params), limit);
                List<AuditEvent> out = new ArrayList<>(Math.min(limit, 1024));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(AuditEventMapper.toDomain(AuditEventMapper.fromResultSet(rs)));
                    }
                }
                return out;
            }
        });
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
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM audit_events WHERE id IN (SELECT id FROM audit_events "
                    + "WHERE occurred_at < ? ORDER BY occurred_at, id LIMIT ?)")) {
                Sql.setInstant(ps, 1, cutoff);
                ps.setInt(2, limit);
                return ps.executeUpdate();
            }
        });
    }
}
