package dev.gatehouse.http;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one list of exceptions that mean "a dependency did not answer in time or is restarting", as
 * opposed to a bug: {@link ProblemErrorResponseProcessor} answers them 503
 * {@code service_unavailable} with {@code Retry-After} instead of 500. (Failures the adapters already
 * return as values with {@code Reason.UNAVAILABLE}, such as SpiceDB's, reach the same 503 through
 * {@link Problems#fromFailure}.) Only JDK types are named, so this needs no adapter:
 *
 * <ul>
 *   <li>{@link SQLTransientException}: a pool that hands out no connection in time (HikariCP's
 *       {@code SQLTransientConnectionException}), JDBC timeouts, rollbacks the server asks to retry;</li>
 *   <li>{@link SQLRecoverableException}, {@link SQLNonTransientConnectionException};</li>
 *   <li>an {@link SQLException} whose SQLState says so: class {@code 08} (connection failure, including a
 *       socket read timeout against a hung server), {@code 53} (insufficient resources, e.g. too many
 *       connections), {@code 57} (operator intervention: {@code 57014} statement timeout or
 *       cancellation, {@code 57P01}–{@code 57P03} shutdown, restart, not yet accepting connections),
 *       {@code 40001}/{@code 40P01} (serialization failure, deadlock) and {@code 55P03} (lock timeout);</li>
 *   <li>{@link SocketTimeoutException} and {@link ConnectException} that were not wrapped.</li>
 * </ul>
 *
 * The whole cause chain is searched, so wrappers (Micronaut Data's {@code DataAccessException}, the
 * transaction manager's exceptions) do not hide the reason.
 */
final class DependencyFailures {
    private static final Set<String> RETRYABLE_STATES = Set.of("40001", "40P01", "55P03");

    private DependencyFailures() {
    }

    /** The exception in {@code t}'s cause chain that marks an unavailable dependency, if any. */
    static Optional<Throwable> unavailable(Throwable t) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable c = t; c != null && seen.put(c, true) == null; c = c.getCause()) {
            if (marksUnavailable(c)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    private static boolean marksUnavailable(Throwable t) {
        if (t instanceof SQLTransientException || t instanceof SQLRecoverableException
                || t instanceof SQLNonTransientConnectionException
                || t instanceof SocketTimeoutException || t instanceof ConnectException) {
            return true;
        }
        if (t instanceof SQLException sql && sql.getSQLState() != null) {
            String state = sql.getSQLState();
            return state.startsWith("08") || state.startsWith("53") || state.startsWith("57")
                    || RETRYABLE_STATES.contains(state);
        }
        return false;
    }
}
