package dev.gatehouse.postgres;

import dev.gatehouse.core.shared.EntityId;
import dev.gatehouse.core.shared.ListQuery;
import dev.gatehouse.core.shared.Page;
import dev.gatehouse.core.shared.PageRequest;
import dev.gatehouse.core.shared.SortOrder;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The pieces every paged list query shares: the optional filters, the created/updated bounds, the validated ORDER BY
 * (always ending in {@code id} for a stable order), binding, and the count-plus-page statement.
 */
final class JdbcLists {
    private JdbcLists() {
    }

    /** Appends {@code " AND " + condition} (one {@code ?}) bound to {@code value}; nothing when it is null (no filter). */
    static void filter(StringBuilder where, List<Object> params, String condition, Object value) {
        if (value != null) {
            where.append(" AND ").append(condition);
            params.add(value);
        }
    }

    /** {@link #filter(StringBuilder, List, String, Object)} for an id, bound as its UUID. */
    static void filter(StringBuilder where, List<Object> params, String condition, EntityId id) {
        filter(where, params, condition, id == null ? null : id.value());
    }

    static void times(ListQuery q, StringBuilder where, List<Object> params) {
        times(q, where, params, "updated_at");
    }

    /** The bounds, with {@code updatedColumn} standing for "updated" (rows never updated pass their creation time). */
    static void times(ListQuery q, StringBuilder where, List<Object> params, String updatedColumn) {
        filter(where, params, "created_at > ?", q.createdAfter());
        filter(where, params, "created_at < ?", q.createdBefore());
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

    /** The total's column, after the page's own columns (the row mappers read theirs by name or from the first on). */
    private static final String TOTAL = "gatehouse_list_total";
    /** Set on a row of the page; null on the one row an empty page still returns (for the total). */
    private static final String PRESENT = "gatehouse_list_row";

    /**
     * One page of {@code SELECT * FROM <from> <where> <order>} with the total of the same filter, in
     * one statement (one round trip, one snapshot without a transaction; issue 19): the count joined
     * with the page, so that a page past the end still answers the total.
     *
     * @param where starts with {@code " WHERE"}; its {@code ?} are bound from {@code params}
     * @param order {@code " ORDER BY …"} over columns of {@code from}, unqualified
     */
    static <T> Page<T> page(Connection c, String from, CharSequence where, String order, List<Object> params,
                            PageRequest page, Sql.RowMapper<T> mapper) throws SQLException {
        List<Object> bound = new ArrayList<>(params);
        bound.addAll(params);
        bound.add(page.perPage());
        bound.add(page.offset());
        long[] total = {0};
        List<T> items = new ArrayList<>();
        Sql.query(c, "SELECT p.*, t." + TOTAL + " FROM (SELECT count(*) AS " + TOTAL + " FROM " + from + where + ") t"
                + " LEFT JOIN LATERAL (SELECT *, true AS " + PRESENT + " FROM " + from + where + order + " LIMIT ? OFFSET ?) p"
                + " ON true" + order, rs -> {
                    total[0] = rs.getLong(TOTAL);
                    if (rs.getBoolean(PRESENT)) {
                        items.add(mapper.map(rs));
                    }
                    return null;
                }, bound.toArray());
        return new Page<>(items, page.page(), page.perPage(), total[0]);
    }

    /**
     * One page of an organization's rows of {@code table}: the query's time bounds, its search term
     * as a case-insensitive substring of {@code name}, its sort over {@code sortColumns} (default
     * oldest first).
     */
    static <T> Page<T> organizationPageByName(Sql sql, String table, UUID organization, ListQuery q,
                                              Map<String, String> sortColumns, Sql.RowMapper<T> mapper) {
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE organization_id = ?");
        params.add(organization);
        times(q, where, params, "updated_at");
        q.searchTerm().ifPresent(s -> {
            where.append(" AND strpos(lower(name), ?) > 0");
            params.add(s.toLowerCase(Locale.ROOT));
        });
        String order = order(q, sortColumns, "created_at");
        return sql.run(c -> page(c, table, where, order, params, q.page(), mapper));
    }
}
