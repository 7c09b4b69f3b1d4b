package dev.gatehouse.postgres;

import dev.gatehouse.core.shared.Result;
import dev.gatehouse.core.shared.Transactions;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.TransactionStatus;
import io.micronaut.transaction.support.DefaultTransactionDefinition;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@link Transactions} over Micronaut's programmatic {@link TransactionOperations}. The outermost
 * call owns the database transaction and commits it, or rolls it back when the work throws or
 * returns a {@link Result.Err}; nested calls join it and leave that decision to the outermost one
 * (as the memory implementation does). {@link #readOnly} opens a read-only transaction at
 * {@code REPEATABLE READ}: all its statements see one snapshot, as a reader under the memory store's
 * lock does (the local authorizer reads many relationships for one answer and must not see a write
 * half-way). A read-only transaction never fails to serialize in PostgreSQL. A write transaction
 * cannot start inside one. The isolation level is set by {@code SET TRANSACTION} as the transaction's
 * first statement (sent with its {@code BEGIN READ ONLY}), not through JDBC's
 * {@code setTransactionIsolation}, which costs three more round trips per transaction (reading the
 * session's level, setting it, and setting it back; issue 19).
 */
final class JdbcTransactions implements Transactions {
    static final TransactionDefinition READ_ONLY_SNAPSHOT = readOnlySnapshot();

    private final TransactionOperations<Connection> operations;

    JdbcTransactions(TransactionOperations<Connection> operations) {
        this.operations = operations;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        Optional<? extends TransactionStatus<?>> current = operations.findTransactionStatus();
        if (current.isPresent()) {
            if (current.get().getTransactionDefinition().isReadOnly().orElse(false)) {
                throw new IllegalStateException("a write transaction cannot start inside a read-only one");
            }
            return work.get();
        }
        FirstFailure failure = new FirstFailure();
        try {
            return operations.execute(TransactionDefinition.DEFAULT, status -> failure.track(() -> {
                T result = work.get();
                if (result instanceof Result.Err<?>) {
                    status.setRollbackOnly();
                }
                return result;
            }));
        } catch (RuntimeException e) {
            throw failure.resolve(e);
        }
    }

    @Override
    public <T> T readOnly(Supplier<T> work) {
        if (operations.findTransactionStatus().isPresent()) {
            return work.get();
        }
        FirstFailure failure = new FirstFailure();
        try {
            return operations.execute(READ_ONLY_SNAPSHOT, status -> failure.track(() -> {
                try (Statement s = status.getConnection().createStatement()) {
                    s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
                } catch (SQLException e) {
                    throw new DataAccessException("SQL failed: " + e.getMessage(), e);
                }
                return work.get();
            }));
        } catch (RuntimeException e) {
            throw failure.resolve(e);
        }
    }

    /** Runs the work as it is: its one statement joins the current transaction or runs in auto-commit. */
    @Override
    public <T> T oneRead(Supplier<T> work) {
        return work.get();
    }

    private static TransactionDefinition readOnlySnapshot() {
        DefaultTransactionDefinition definition = new DefaultTransactionDefinition(TransactionDefinition.READ_ONLY);
        definition.setReadOnly(true); // REPEATABLE READ: set by the first statement
        definition.setName("read-only snapshot");
        return definition;
    }
}
