package dev.gatehouse.postgres;

import dev.gatehouse.core.sessions.SessionCache;
import dev.gatehouse.core.sessions.SessionChanges;
import dev.gatehouse.core.shared.UserId;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@link SessionChanges} over PostgreSQL LISTEN/NOTIFY on {@link #CHANNEL}, the payload being the
 * user's id (ADR 0042).
 *
 * <ul>
 *   <li><b>Announce</b> runs {@code pg_notify} on the caller's transaction connection, so PostgreSQL
 *       delivers it when (and only if) the change commits.</li>
 *   <li><b>Delivery</b>: a listening pool connection ({@link PgListener}) drops the user's entries from
 *       the cache as each announcement arrives (this instance's own come back too; dropping again is
 *       harmless), and clears the whole cache after every (re)connect, since announcements sent while
 *       it was not listening are lost. Malformed payloads (an operator's {@code NOTIFY}) clear it too.</li>
 * </ul>
 */
final class JdbcSessionChanges implements SessionChanges, AutoCloseable {
    static final String CHANNEL = "gatehouse_sessions";

    private final Sql sql;
    private final DataSource pool;
    private final AtomicReference<PgListener> listener = new AtomicReference<>();

    /** {@code pool} hands out connections of their own (not the transaction-bound ones). */
    JdbcSessionChanges(Sql sql, DataSource pool) {
        this.sql = sql;
        this.pool = pool;
    }

    @Override
    public void announce(UserId user) {
        sql.one("SELECT pg_notify(?, ?)", rs -> true, CHANNEL, user.text());
    }

    /** Starts the listener thread and waits (at most 5 s) until it is listening. */
    @Override
    public synchronized void deliverTo(SessionCache cache) {
        if (listener.get() != null) {
            throw new IllegalStateException("already delivering to a cache");
        }
        listener.set(PgListener.started(pool, CHANNEL, "session-changes", cache::clear,
                payload -> UserId.parse(payload).ifPresentOrElse(cache::invalidateUser, cache::clear), Duration.ofSeconds(5)));
    }

    /** Stops the listener (within one poll) and returns its connection to the pool. */
    @Override
    public void close() {
        PgListener l = listener.getAndSet(null);
        if (l != null) {
            l.close();
        }
    }
}
