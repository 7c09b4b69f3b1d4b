package dev.gatehouse.postgres;

import dev.gatehouse.core.shared.Cancellation;
import io.micronaut.data.connection.ConnectionOperations;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.support.TransactionSynchronization;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The adapter's one way to talk SQL (ADR 0025): every store writes its statements as text with
 * ordered {@code ?} parameters and reads rows with one {@link RowMapper} per aggregate.
 *
 * <p>Where a statement runs: {@link #query}, {@link #one}, {@link #update} and {@link #batch} (and
 * {@link #run}) use the connection of the current transaction, or a connection of their own in
 * auto-commit mode outside one; {@link #inOwnTransaction} always commits on its own. Inside a
 * {@link Work} the static variants taking the {@link Connection} run several statements on it.
 *
 * <p>Parameters are bound in order by {@link #bind}: an {@link Instant} as {@code timestamptz} (UTC),
 * a {@code UUID[]}, {@code Long[]} or {@code String[]} as a {@code uuid[]}, {@code bigint[]} or {@code text[]} array, {@code null} as a
 * null whose type the server infers from the statement (cast the placeholder where it cannot, e.g.
 * {@code ?::uuid IS NULL}), anything else through {@link PreparedStatement#setObject(int, Object)}.
 *
 * <p>Failures: an {@link SQLException} leaves as Micronaut's {@link DataAccessException} with the
 * driver's exception as its cause, so the SQLState and the exception class stay in the cause chain
 * (adapter-http's {@code DependencyFailures} reads them: 503 for an unavailable database, ADR 0021);
 * a failure of the transaction's clean-up never hides the statement's own ({@link FirstFailure}).
 * Every statement is bounded by the pool's {@code statement_timeout} ({@link DatabaseTimeouts}), or
 * by the job budget inside {@link #inOwnLongTransaction}, and cancelled when the request it runs for
 * is ({@link #cancellable}, ADR 0044: the HTTP client has gone).
 *
 * <p>Round trips: an INSERT whose outcome nobody reads (an audit entry, an outbox event) may be
 * queued with {@link #insertLater}; the transaction's queue is sent before its next statement or its
 * commit, as one statement (data-modifying CTEs) or one JDBC batch, so the rows of a change's audit
 * and outbox cost one round trip together (issue 19).
 */
final class Sql {
    /** PostgreSQL's SQLSTATE query_canceled, also for a statement not started because its request was. */
    static final String CANCELLED = "57014";
    private static final TransactionDefinition REQUIRES_NEW = TransactionDefinition.of(TransactionDefinition.Propagation.REQUIRES_NEW);

    @FunctionalInterface
    interface Work<R> {
        R apply(Connection connection) throws SQLException;
    }

    /** Reads the row under the cursor; one per aggregate ({@code ApiKeyRows::map}), never advances it. */
    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** The statements {@link #insertLater} queued and the reads {@link #remembered} kept in the current thread's transaction, on its connection. */
    private static final ThreadLocal<Deferred> DEFERRED = new ThreadLocal<>();
    /** At most this many queued statements are joined into one; beyond, one batch per statement text. */
    private static final int MAX_JOINED = 8;

    private record Insert(String statement, Object[] params) {
    }

    private static final class Deferred {
        final Connection connection;
        final List<Insert> inserts = new ArrayList<>();
        final java.util.Map<Object, Object> remembered = new java.util.HashMap<>();

        Deferred(Connection connection) {
            this.connection = connection;
        }
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
            return connections.executeWrite(status -> failure.track(() -> {
                Connection c = status.getConnection();
                call(connection -> sendDeferred(connection), c);
                return call(work, c);
            }));
        } catch (RuntimeException e) {
            throw failure.resolve(e);
        }
    }

    /**
     * Runs an INSERT whose row count nobody needs: in a transaction it is queued and sent with the
     * transaction's other queued inserts before its next statement or at its commit (a failure then
     * fails that statement or the commit, which rolls back); outside one it runs at once.
     */
    void insertLater(String statement, Object... params) {
        Deferred deferred = ofTransaction();
        if (deferred == null) {
            update(statement, params); // outside a transaction, or in one of its own inside one that queued
            return;
        }
        deferred.inserts.add(new Insert(statement, params.clone()));
    }

    /**
     * A read remembered for the rest of the current transaction (issue 19: a use case and the seat it
     * takes read the same organization): the first call loads it, later ones with an equal key answer
     * it without a round trip until {@link #forget} (the store's own writes of it) or the transaction's
     * end. Outside a transaction it always loads.
     */
    <V> V remembered(Object key, java.util.function.Supplier<V> load) {
        Deferred state = ofTransaction();
        if (state == null) {
            return load.get();
        }
        @SuppressWarnings("unchecked")
        V known = (V) state.remembered.get(key);
        if (known == null) {
            known = load.get();
            state.remembered.put(key, known);
        }
        return known;
    }

    /** Drops what {@link #remembered} holds for {@code key} in the current transaction. */
    void forget(Object key) {
        Deferred state = DEFERRED.get();
        if (state != null) {
            state.remembered.remove(key);
        }
    }

    /**
     * The state of the current transaction on this thread, registered on first use and dropped at
     * its end; null outside a transaction, or in a transaction of its own inside one that has state.
     */
    private Deferred ofTransaction() {
        var status = transactions.findTransactionStatus();
        if (status.isEmpty()) {
            return null;
        }
        Connection c = (Connection) status.get().getConnection();
        Deferred deferred = DEFERRED.get();
        if (deferred != null) {
            return deferred.connection == c ? deferred : null;
        }
        Deferred fresh = new Deferred(c);
        DEFERRED.set(fresh);
        status.get().registerSynchronization(new TransactionSynchronization() {
            @Override
            public void beforeCommit(boolean readOnly) {
                if (DEFERRED.get() == fresh) {
                    call(Sql.this::sendDeferred, c);
                }
            }

            @Override
            public void afterCompletion(Status completion) {
                if (DEFERRED.get() == fresh) {
                    DEFERRED.remove();
                }
            }
        });
        return fresh;
    }

    /** Sends what {@link #insertLater} queued on this connection: one statement, or one batch per text. */
    private Void sendDeferred(Connection c) throws SQLException {
        Deferred deferred = DEFERRED.get();
        if (deferred == null || deferred.connection != c || deferred.inserts.isEmpty()) {
            return null;
        }
        List<Insert> inserts = List.copyOf(deferred.inserts);
        deferred.inserts.clear();
        if (inserts.size() == 1) {
            update(c, inserts.get(0).statement(), inserts.get(0).params());
        } else if (inserts.size() <= MAX_JOINED) {
            StringBuilder joined = new StringBuilder("WITH ");
            List<Object> params = new ArrayList<>();
            for (int i = 0; i < inserts.size() - 1; i++) {
                joined.append(i == 0 ? "" : ", ").append("q").append(i).append(" AS (").append(inserts.get(i).statement()).append(')');
                params.addAll(java.util.Arrays.asList(inserts.get(i).params()));
            }
            Insert last = inserts.get(inserts.size() - 1);
            joined.append(' ').append(last.statement());
            params.addAll(java.util.Arrays.asList(last.params()));
            update(c, joined.toString(), params.toArray());
        } else {
            java.util.Map<String, List<Object[]>> byText = new java.util.LinkedHashMap<>();
            inserts.forEach(i -> byText.computeIfAbsent(i.statement(), k -> new ArrayList<>()).add(i.params()));
            for (var e : byText.entrySet()) {
                batch(c, e.getKey(), e.getValue());
            }
        }
        return null;
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

    /** Every row of {@code statement}, mapped, in the current transaction (or auto-commit). */
    <T> List<T> query(String statement, RowMapper<T> mapper, Object... params) {
        return run(c -> query(c, statement, mapper, params));
    }

    /** The first row of {@code statement}, if any, in the current transaction (or auto-commit). */
    <T> Optional<T> one(String statement, RowMapper<T> mapper, Object... params) {
        return run(c -> one(c, statement, mapper, params));
    }

    /** Runs an INSERT, UPDATE or DELETE (or a statement whose rows are not read); the rows it changed. */
    int update(String statement, Object... params) {
        return run(c -> update(c, statement, params));
    }

    /** Runs {@code statement} once per parameter row, as one JDBC batch; nothing when there are no rows. */
    int[] batch(String statement, List<Object[]> rows) {
        return rows.isEmpty() ? new int[0] : run(c -> batch(c, statement, rows));
    }

    static <T> List<T> query(Connection c, String statement, RowMapper<T> mapper, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(statement)) {
            bind(ps, params);
            List<T> out = new ArrayList<>();
            try (Cancellation.Registration running = cancellable(ps); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(mapper.map(rs));
                }
            }
            return out;
        }
    }

    static <T> Optional<T> one(Connection c, String statement, RowMapper<T> mapper, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(statement)) {
            bind(ps, params);
            try (Cancellation.Registration running = cancellable(ps); ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(mapper.map(rs)) : Optional.empty();
            }
        }
    }

    static int update(Connection c, String statement, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(statement)) {
            bind(ps, params);
            try (Cancellation.Registration running = cancellable(ps)) {
                return ps.executeUpdate();
            }
        }
    }

    static int[] batch(Connection c, String statement, List<Object[]> rows) throws SQLException {
        if (rows.isEmpty()) {
            return new int[0];
        }
        try (PreparedStatement ps = c.prepareStatement(statement)) {
            for (Object[] row : rows) {
                bind(ps, row);
                ps.addBatch();
            }
            try (Cancellation.Registration running = cancellable(ps)) {
                return ps.executeBatch();
            }
        }
    }

    /**
     * Ties a statement about to run to the request's {@link Cancellation} scope (ADR 0044): when the
     * request is cancelled (its client has gone) while the statement runs, the statement is cancelled
     * (the server ends it with {@code query_canceled}); in a scope already cancelled it does not start.
     */
    static Cancellation.Registration cancellable(java.sql.Statement statement) throws SQLException {
        Cancellation.Registration registration = Cancellation.onCancel(() -> {
            try {
                statement.cancel();
            } catch (SQLException | RuntimeException e) {
                // already finished or closed: nothing runs any more
            }
        });
        if (Cancellation.cancelled()) {
            registration.close();
            throw new SQLException("the request was cancelled: its client has gone", CANCELLED);
        }
        return registration;
    }

    /** Binds {@code params} in order from index 1, as the class comment says. */
    static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            bind(ps, i + 1, params[i]);
        }
    }

    private static void bind(PreparedStatement ps, int index, Object p) throws SQLException {
        if (p == null) {
            ps.setNull(index, Types.NULL);
        } else if (p instanceof Instant t) {
            ps.setObject(index, t.atOffset(ZoneOffset.UTC));
        } else if (p instanceof UUID[] ids) {
            ps.setArray(index, ps.getConnection().createArrayOf("uuid", ids));
        } else if (p instanceof Long[] numbers) {
            ps.setArray(index, ps.getConnection().createArrayOf("bigint", numbers));
        } else if (p instanceof String[] texts) {
            ps.setArray(index, ps.getConnection().createArrayOf("text", texts));
        } else {
            ps.setObject(index, p);
        }
    }

    private static <R> R call(Work<R> work, Connection connection) {
        try {
            return work.apply(connection);
        } catch (SQLException e) {
            throw new DataAccessException("SQL failed: " + e.getMessage(), e);
        }
    }

    /** A {@code timestamptz} column as an {@link Instant} ({@code null} stays null). */
    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    /** {@code text} with LIKE's wildcards escaped (escape character {@code \}). */
    static String likeLiteral(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
