package dev.gatehouse.postgres;

import dev.gatehouse.core.shared.ListQuery;
import dev.gatehouse.core.shared.Page;
import dev.gatehouse.core.shared.PageRequest;
import dev.gatehouse.core.shared.SortOrder;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The pieces every paged list query shares: the created/updated bounds, the validated ORDER BY
 * (always ending in {@code id} for a stable order), binding, and the count-plus-page round trip.
 */
final class JdbcLists {
    private JdbcLists() {
    }

    static void times(ListQuery q, StringBuilder where, List<Object> params) {
        times(q, where, params, "updated_at");
    }

    /** The bounds, with {@code updatedColumn} standing for "updated" (rows never updated pass their creation time). */
    static void times(ListQuery q, StringBuilder where, List<Object> params, String updatedColumn) {
        if (q.createdAfter() != null) {
            where.append(" AND created_at > ?");
            params.add(q.createdAfter());
        }
        if (q.createdBefore() != null) {
            where.append(" AND created_at < ?");
            params.add(q.createdBefore());
        }
        if (q.updatedAfter() != null) {
            where.append(" AND ").append(updatedColumn).append(" > ?");
            params.add(q.updatedAfter());
        }
        if (q.updatedBefore() != null) {
            where.append(" AND ").append(updatedColumn).append(" < ?");
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

    /** Binds the values from index 1 ({@code UUID[]} as a uuid array); returns the next free index. */
    static int bind(PreparedStatement ps, List<Object> params) throws SQLException {
        int i = 1;
        for (Object p : params) {
            if (p instanceof Instant t) {
                Sql.setInstant(ps, i++, t);
            } else if (p instanceof UUID[] ids) {
                ps.setArray(i++, ps.getConnection().createArrayOf("uuid", ids));
            } else {
                ps.setObject(i++, p);
            }
        }
        return i;
    }

    /** Reads one row of a list. */
    @FunctionalInterface
    interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /**
     * One page of {@code SELECT * FROM <from> <where> <order>} with the total of the same filter.
     *
     * @param where starts with {@code " WHERE"}; its {@code ?} are bound from {@code params}
     */
    static <T> Page<T> page(Connection c, String from, CharSequence where, String order, List<Object> params,
                            PageRequest page, RowReader<T> reader) throws SQLException {
        long total;
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM " + from + where)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                total = rs.getLong(1);
            }
        }
        List<T> items = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM " + from + where + order + " LIMIT ? OFFSET ?")) {
            int next = bind(ps, params);
            ps.setInt(next, page.perPage());
            ps.setLong(next + 1, page.offset());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    items.add(reader.read(rs));
                }
            }
        }
        return new Page<>(items, page.page(), page.perPage(), total);
    }
}
