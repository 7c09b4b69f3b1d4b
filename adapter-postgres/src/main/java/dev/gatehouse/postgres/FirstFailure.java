package dev.gatehouse.postgres;

import io.micronaut.data.exceptions.DataAccessException;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Keeps the exception that ended a unit of work when the connection or transaction template's
 * clean-up fails after it. When the database goes away mid-statement, pgjdbc reports the I/O error
 * and the pool closes the broken connection; the template then fails to reset auto-commit on the
 * closed connection ("Connection is closed", no SQLState) and that second exception would replace
 * the first, hiding why the work failed. {@link #resolve} throws the first one, with the clean-up's
 * attached as suppressed. When the work succeeded and only the commit met the broken connection,
 * the clean-up's "Connection is closed" is reported as the connection failure it is. One instance
 * per call.
 */
final class FirstFailure {
    private RuntimeException first;

    <T> T track(Supplier<T> work) {
        try {
            return work.get();
        } catch (RuntimeException e) {
            first = e;
            throw e;
        }
    }

    /** What to throw for {@code thrown}, an exception out of the template. */
    RuntimeException resolve(RuntimeException thrown) {
        RuntimeException original = first;
        if (original == null) {
            return brokenConnection(thrown);
        }
        if (original == thrown || causes(thrown, original)) {
            return thrown;
        }
        original.addSuppressed(thrown);
        return original;
    }

    /**
     * The work succeeded but the commit failed because the server ended the session (a restart):
     * the template logs that and then fails on the connection the pool had already closed as broken,
     * so only "Connection is closed" (HikariCP's stand-in for a broken connection, no SQLState)
     * remains. That is a connection failure, said as one ({@code 08003}, connection does not exist).
     */
    private static RuntimeException brokenConnection(RuntimeException thrown) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable c = thrown; c != null && seen.put(c, true) == null; c = c.getCause()) {
            if (c instanceof SQLException sql && sql.getSQLState() == null && closedByThePool(sql)) {
                return new DataAccessException("The database connection broke during the transaction",
                        new SQLNonTransientConnectionException("connection closed by the pool after it broke", "08003", thrown));
            }
        }
        return thrown;
    }

    private static boolean closedByThePool(SQLException e) {
        StackTraceElement[] trace = e.getStackTrace();
        return trace.length > 0 && trace[0].getClassName().startsWith("com.zaxxer.hikari.pool.ProxyConnection$ClosedConnection");
    }

    private static boolean causes(Throwable outer, Throwable inner) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable c = outer; c != null && seen.put(c, true) == null; c = c.getCause()) {
            if (c == inner) {
                return true;
            }
        }
        return false;
    }
}
