package dev.gatehouse.postgres;

import dev.gatehouse.core.keys.ApiKeyCache;
import dev.gatehouse.core.keys.KeyRevocations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.time.Duration;

/**
 * {@link KeyRevocations} over PostgreSQL LISTEN/NOTIFY on {@link #CHANNEL}, the payload being the
 * key's hash (never logged), or {@code owner:} and the id of a deleted organization, project or
 * environment.
 *
 * <ul>
 *   <li><b>Announce</b> runs {@code pg_notify} on the caller's transaction connection, so PostgreSQL
 *       delivers it when (and only if) the revocation commits.</li>
 *   <li><b>Delivery</b>: a daemon thread holds one pool connection that LISTENs and waits for
 *       notifications ({@code getNotifications} with a {@link #POLL} timeout), invalidating each
 *       hash in the cache. This instance's own announcements come back too; invalidating again is
 *       harmless. On any failure it reconnects with backoff, and after every (re)connect clears the
 *       whole cache, since announcements sent while it was not listening are lost.</li>
 * </ul>
 */
final class JdbcKeyRevocations implements KeyRevocations, AutoCloseable {
    static final String CHANNEL = "gatehouse_api_key_revoked";
    private static final Logger LOG = LoggerFactory.getLogger(JdbcKeyRevocations.class);
    private static final Duration AWAIT_FIRST_LISTEN = Duration.ofSeconds(5);

    private final Sql sql;
    private final DataSource pool;
    private PgListener listener;

    /** {@code pool} hands out connections of their own (not the transaction-bound ones). */
    JdbcKeyRevocations(Sql sql, DataSource pool) {
        this.sql = sql;
        this.pool = pool;
    }

    private static final String OWNER = "owner:";

    @Override
    public void announce(String keyHash) {
        notify(keyHash);
    }

    @Override
    public void announceOwner(String ownerId) {
        notify(OWNER + ownerId);
    }

    private void notify(String payload) {
        sql.one("SELECT pg_notify(?, ?)", rs -> true, CHANNEL, payload);
    }

    /** Starts the listener thread and waits (a bounded time) until it is listening. */
    @Override
    public synchronized void deliverTo(ApiKeyCache cache) {
        if (listener != null) {
            throw new IllegalStateException("already delivering to a cache");
        }
        listener = new PgListener(pool, CHANNEL, "key-revocations", cache::clear, payload -> {
            if (payload.startsWith(OWNER)) {
                cache.invalidateOwner(payload.substring(OWNER.length()));
            } else {
                cache.invalidate(payload);
            }
        });
        if (!listener.awaitListening(AWAIT_FIRST_LISTEN)) {
            LOG.warn("Not yet listening for API key revocations; retrying in the background");
        }
    }

    /** Stops the listener (within one poll) and returns its connection to the pool. */
    @Override
    public void close() {
        PgListener l;
        synchronized (this) {
            l = listener;
        }
        if (l != null) {
            l.close();
        }
    }
}
