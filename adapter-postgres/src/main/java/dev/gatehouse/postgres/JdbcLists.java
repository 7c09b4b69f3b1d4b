package dev.gatehouse.postgres;

import dev.gatehouse.core.shared.ListQuery;
import dev.gatehouse.core.shared.SortOrder;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The WHERE and ORDER BY pieces the list queries of the tenancy stores share. */
final class JdbcLists {
    private JdbcLists() {
    }

    static void times(ListQuery q, StringBuilder where, List<Object> params) {
        if (q.createdAfter() != null) {
            where.append(" AND created_at > ?");
            params.add(q.createdAfter());
        }
        if (q.createdBefore() != null) {
            where.append(" AND created_at < ?");
            params.add(q.createdBefore());
        }
        if (q.updatedAfter() != null) {
            where.append(" AND updated_at > ?");
            params.add(q.updatedAfter());
        }
        if (q.updatedBefore() != null) {
            where.append(" AND updated_at < ?");
            params.add(q.updatedBefore());
        }
    }

    static String order(ListQuery q, Map<String, String> columns, String defaultOrder) {
        StringBuilder order = new StringBuilder(" ORDER BY ");
        if (q.page().sort().isEmpty()) {
            order.append(defaultOrder).append(", ");
        }
        for (SortOrder o : q.page().sort()) {
            String column = columns.get(o.field());
            if (column == null) {
                throw new IllegalArgumentException("unsortable field " + o.field());
            }
            order.append(column).append(o.descending() ? " DESC, " : ", ");
        }
        return order.append("id").toString();
    }

    /** Binds the values from index 1; returns the next free index. */
    static int bind(PreparedStatement ps, List<Object> params) throws SQLException {
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
}
