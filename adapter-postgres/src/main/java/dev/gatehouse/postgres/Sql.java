package dev.gatehouse.postgres;

import io.micronaut.data.connection.ConnectionOperations;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Plain JDBC for the statements a repository interface cannot express (dynamic filters, upserts
 * with conditions). {@link #run} uses the connection of the current transaction, or a connection of
 * its own in auto-commit mode outside one; {@link #inOwnTransaction} always commits on its own.
 */
final class Sql {
    private static final TransactionDefinition REQUIRES_NEW = TransactionDefinition.of(TransactionDefinition.Propagation.REQUIRES_NEW);

    @FunctionalInterface
    interface Work<R> {
        R apply(Connection connection) throws SQLException;
    }

    private final ConnectionOperations<Connection> connections;
    private final TransactionOperations<Connection> transactions;
    private final DatabaseTimeouts timeouts;

    Sql(ConnectionOperations<Connection> connections, TransactionOperations<Connection> transactions, DatabaseTimeouts timeouts) {
        this.connections = connections;
        this.transactions = transactions;
        this.timeouts = timeouts;
    }

    <R> R run(Work<R> work) {
        FirstFailure failure = new FirstFailure();
        try {
            return connections.executeWrite(status -> failure.track(() -> call(work, status.getConnection())));
        } catch (RuntimeException e) {
            throw failure.resolve(e);
        }
    }

    /** Runs in a transaction of its own, committed before this returns, whatever the caller is in. */
    <R> R inOwnTransaction(Work<R> work) {
        FirstFailure failure = new FirstFailure();
        try {
            return transactions.execute(REQUIRES_NEW, status -> failure.track(() -> call(work, status.getConnection())));
        } catch (RuntimeException e) {
            throw failure.resolve(e);
        }
    }

    /**
     * Like {@link #inOwnTransaction}, for a background job's bulk statement (a purge) that may run far
     * longer than a request may wait: the transaction gets the job budget as its
     * {@code statement_timeout} and the connection a socket timeout just above it (the pool resets
     * the socket timeout when the connection is returned; {@code SET LOCAL} ends with the transaction).
     */
    <R> R inOwnLongTransaction(Work<R> work) {
        return inOwnTransaction(c -> {
            c.setNetworkTimeout(Runnable::run, timeouts.jobSocketTimeoutMillis());
            try (java.sql.Statement s = c.createStatement()) {
                s.execute("SET LOCAL statement_timeout = " + timeouts.jobStatementTimeoutMillis());
            }
            return work.apply(c);
        });
    }

    private static <R> R call(Work<R> work, Connection connection) {
        try {
            return work.apply(connection);
        } catch (SQLException e) {
            throw new DataAccessException("SQL failed: " + e.getMessage(), e);
        }
    }

    static void setInstant(PreparedStatement ps, int index, Instant value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(index, value.atOffset(ZoneOffset.UTC));
        }
    }

    static Instant instant(java.sql.ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    /** {@code text} with LIKE's wildcards escaped (escape character {@code \}). */
    static String likeLiteral(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
