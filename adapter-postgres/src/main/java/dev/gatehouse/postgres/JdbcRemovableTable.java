package dev.gatehouse.postgres;

import dev.gatehouse.core.shared.EntityId;

/**
 * A {@link JdbcTable} whose port deletes rows by id: {@link #remove} satisfies the port's
 * {@code remove(id)} (a table that must not lose rows, such as the audit log, is a plain
 * {@link JdbcTable}).
 */
abstract class JdbcRemovableTable<T, I extends EntityId> extends JdbcTable<T, I> {
    private final String delete;

    JdbcRemovableTable(Sql sql, String table, Sql.RowMapper<T> rows) {
        super(sql, table, rows);
        this.delete = "DELETE FROM " + table + " WHERE id = ?";
    }

    /** Deletes the row whose {@code id} is {@code id}; nothing when there is none. */
    public void remove(I id) {
        sql.update(delete, id.value());
    }
}
