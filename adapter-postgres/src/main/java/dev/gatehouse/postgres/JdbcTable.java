package dev.gatehouse.postgres;

import dev.gatehouse.core.shared.CursorPage;
import dev.gatehouse.core.shared.EntityId;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What every store of one aggregate in one table keyed by {@code id} repeats (ADR 0025): its
 * {@link Sql}, its row mapper, the reads by primary key ({@link #byId}, {@link #lockById}: they
 * satisfy the port's methods of those names where it has them), and INSERT statements written from
 * the column list ({@link #insert}), so that no store counts its {@code ?} placeholders by hand; and
 * the keyset slice of a newest-first list ({@link #newestFirst}).
 *
 * @param <T> the aggregate
 * @param <I> its id
 */
abstract class JdbcTable<T, I extends EntityId> {
    final Sql sql;
    private final Sql.RowMapper<T> rows;
    private final String table;
    private final String byId;
    private final String lockById;

    JdbcTable(Sql sql, String table, Sql.RowMapper<T> rows) {
        this.sql = sql;
        this.rows = rows;
        this.table = table;
        this.byId = "SELECT * FROM " + table + " WHERE id = ?";
        this.lockById = byId + " FOR UPDATE";
    }

    /** The row whose {@code id} is {@code id}, if any. */
    public Optional<T> byId(I id) {
        return sql.one(byId, rows, id.value());
    }

    /** The row whose {@code id} is {@code id}, locked ({@code FOR UPDATE}) until the transaction ends. */
    public Optional<T> lockById(I id) {
        return sql.one(lockById, rows, id.value());
    }

    /**
     * One slice of the rows matching {@code where} (it starts with {@code " WHERE"}; its {@code ?} are
     * bound from {@code params}; both are extended), newest id first, older than {@code before} when given, at most
     * {@code limit}; with the cursor to the next slice (the last row's id) when more rows follow.
     */
    CursorPage<T> newestFirst(StringBuilder where, List<Object> params, EntityId before, int limit,
                              Function<T, ? extends EntityId> id) {
        JdbcLists.filter(where, params, "id < ?", before);
        params.add(limit + 1); // one more tells whether there is a next slice
        List<T> found = sql.query("SELECT * FROM " + table + where + " ORDER BY id DESC LIMIT ?", rows, params.toArray());
        boolean more = found.size() > limit;
        List<T> slice = more ? found.subList(0, limit) : found;
        return new CursorPage<>(slice, more ? Optional.of(id.apply(slice.get(slice.size() - 1)).text()) : Optional.empty());
    }

    /**
     * {@code INSERT INTO table (columns) VALUES (?, …)}, one placeholder per column of the
     * comma-separated {@code columns}; a column written {@code name::type} is bound as {@code ?::type}
     * (e.g. {@code data::jsonb}).
     */
    static String insert(String table, String columns) {
        List<String> names = List.of(columns.split(",\\s*"));
        String into = names.stream().map(c -> c.contains("::") ? c.substring(0, c.indexOf("::")) : c).collect(Collectors.joining(", "));
        String values = names.stream().map(c -> c.contains("::") ? "?" + c.substring(c.indexOf("::")) : "?")
                .collect(Collectors.joining(", "));
        return "INSERT INTO " + table + " (" + into + ") VALUES (" + values + ")";
    }
}
